// Signing keys on a database of their own (retiring the shared one would disturb other files'
// runtimes): a key retired in the table stops verifying and signing once the loaded set ages out.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/scripts/lib/migrate.mjs";
import { adminUrl, freshDatabaseName, withDatabase } from "@/test/database-urls";
import { SigningKeys } from "./signing-keys";

const name = freshDatabaseName("warden_keys");
let pool: pg.Pool;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl(), name);
  await migrate(url, { quiet: true });
  pool = new pg.Pool({ connectionString: url, max: 2 });
});

afterAll(async () => {
  await pool?.end();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

const claims = {
  agentId: "agt_1",
  orgId: "org_1",
  credentialId: "crd_1",
  environmentId: "env_1",
  audience: "warden:decide",
};
const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid: string }).kid;

describe("signing keys", () => {
  it("stops trusting and using a retired key within the key set's trust period", async () => {
    const keys = new SigningKeys(pool, 50);
    const before = await keys.sign(claims, 300);
    expect(await keys.verify(before.token)).toMatchObject({ agentId: "agt_1", keyId: kidOf(before.token) });

    await pool.query("UPDATE signing_keys SET retired_at = now() WHERE kid = $1", [kidOf(before.token)]);
    // Still trusted while the loaded set is fresh …
    expect(await keys.verify(before.token)).not.toBeNull();
    expect(await keys.trusts(kidOf(before.token))).toBe(true);
    await new Promise((r) => setTimeout(r, 80));
    // … then neither verified (nor trusted for a token cached as verified) nor used to sign: a
    // new key takes over.
    expect(await keys.trusts(kidOf(before.token))).toBe(false);
    expect(await keys.verify(before.token)).toBeNull();
    const after = await keys.sign(claims, 300);
    expect(kidOf(after.token)).not.toBe(kidOf(before.token));
    expect(await keys.verify(after.token)).toMatchObject({ agentId: "agt_1" });
    expect((await keys.jwks()).keys.map((k) => k.kid)).toEqual([kidOf(after.token)]);
  });
});
