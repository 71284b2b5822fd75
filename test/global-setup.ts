// Integration tests run against a real Postgres, in a database made fresh for this run and
// dropped after it. TEST_DATABASE_URL names the server (default: the local one on 5432).
import type { TestProject } from "vitest/node";
import pg from "pg";
import { migrate } from "../scripts/lib/migrate.mjs";
import { adminUrl, freshDatabaseName, withDatabase } from "./database-urls";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const admin = adminUrl();
  const name = freshDatabaseName();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = withDatabase(admin, name);
  await migrate(url, { quiet: true });
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;

  return async () => {
    if (process.env.WARDEN_KEEP_TEST_DB) return;
    const drop = new pg.Client({ connectionString: admin });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  };
}
