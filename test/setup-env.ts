import { inject } from "vitest";

// Each worker talks to the database made for this run (see global-setup.ts).
process.env.DATABASE_URL = inject("databaseUrl");
process.env.WARDEN_BCRYPT_COST ??= "4";
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-not-for-production";
// The notification tests deliver to receivers on 127.0.0.1; the tests of the guard itself turn it off.
process.env.WARDEN_ALLOW_PRIVATE_WEBHOOKS ??= "1";
