// Fleet files for integration tests: the demo fleet under a fresh org slug and fresh e-mail
// domain, so that tests running in parallel on one database never share an org or a user.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const DEMO_FLEET = path.resolve(import.meta.dirname, "../../../prisma/demo-fleet.yaml");

export function demoFleetFor(slug = `fleet-${randomBytes(5).toString("hex")}`): {
  slug: string;
  text: string;
} {
  const text = fs
    .readFileSync(DEMO_FLEET, "utf8")
    .replace(/^org: acme$/m, `org: ${slug}`)
    .replaceAll("@acme.test", `@${slug}.test`);
  return { slug, text };
}
