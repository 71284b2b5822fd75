// The demo org: run by `npm start` (scripts/start.mjs) when the database has no org yet, as
// `node --import tsx prisma/seed.ts`. It applies prisma/demo-fleet.yaml exactly as
// `warden apply` would, then gives each demo member the password in WARDEN_DEMO_PASSWORD.
// It never prints the password.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "../server/db";
import { hashPassword, passwordProblem } from "../server/domain/auth/password";
import { applyFleet } from "../server/domain/fleet/apply-fleet";
import { parseFleetFile } from "../server/domain/fleet/parse-fleet-file";
import { seedDemoActivity } from "./seed-demo-activity";
import { seedDemoRuns } from "./seed-demo-runs";

const DEMO_FLEET = path.join(path.dirname(fileURLToPath(import.meta.url)), "demo-fleet.yaml");

async function seed(): Promise<string> {
  const password = process.env.WARDEN_DEMO_PASSWORD;
  if (!password) {
    throw new Error("WARDEN_DEMO_PASSWORD is not set: it is the password the demo members sign in with.");
  }
  const weak = passwordProblem(password);
  if (weak) throw new Error(`WARDEN_DEMO_PASSWORD is not usable: ${weak}`);
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: it names the database to seed.");

  const fleet = parseFleetFile(fs.readFileSync(DEMO_FLEET, "utf8"));
  const db = createDb(process.env.DATABASE_URL, 2);
  try {
    const result = await applyFleet(db, fleet, { type: "SYSTEM", id: null, label: "seed" });
    for (const member of fleet.members) {
      await db.user.updateMany({
        where: { email: { equals: member.email, mode: "insensitive" } },
        data: { passwordHash: await hashPassword(password) },
      });
    }
    const activity = await seedDemoActivity(db, process.env.DATABASE_URL, fleet.org);
    // After the generated activity (which only fills an org without decisions): stories told
    // through the real runtime API, newest in the runs list.
    const stories = await seedDemoRuns(db, process.env.DATABASE_URL, fleet.org);
    return (
      `Seeded the demo org "${fleet.org}": ${fleet.members.length} members, ${fleet.tools.length} tools, ` +
      `${fleet.agents.length} agents (${result.created + result.updated + result.deleted} changes recorded in the audit trail). ` +
      `Activity: ${activity} Demo runs told through the runtime API: ${stories}.`
    );
  } finally {
    await db.$disconnect();
  }
}

try {
  console.log(await seed());
} catch (error) {
  console.error(`Seeding the demo org failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
