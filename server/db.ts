import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;
/** A Prisma interactive-transaction client, for domain functions that must share a transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either the client or a transaction: domain functions that write accept both. */
export type DbOrTx = PrismaClient | Tx;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Warden with `npm start`, which provides one.");
  return url;
}

export function createDb(
  url = databaseUrl(),
  poolSize = Number(process.env.WARDEN_DB_POOL ?? 10),
): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  // Secret columns never leave the database unless a query asks for them by name.
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true }, credential: { secretHash: true }, orgKey: { secret: true } },
  });
}

// One client per process, created on first use (so that `next build` needs no database) and
// kept across Next's module reloading in development.
const globalForDb = globalThis as unknown as { wardenDb?: PrismaClient };
function instance(): PrismaClient {
  globalForDb.wardenDb ??= createDb();
  return globalForDb.wardenDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = instance();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
