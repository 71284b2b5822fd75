// Prisma CLI configuration.
//
// Prisma 6.19 is used rather than 7.x because its WebAssembly schema engine ("js" engine with a
// driver adapter) runs migrations offline; Prisma 7's migrate needs a native binary from a host
// these machines cannot reach (see README, "Why Prisma 6").
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// prisma/orm#27403: the JS schema engine cannot decode Postgres catalog columns of type `name`
// (19) or `"char"` (18). They are plain text on the wire, so report them as `text` (25).
const CATALOG_TEXT_TYPES = new Set([18, 19]);
type Field = { dataTypeID: number };
function reportCatalogTypesAsText(result: unknown): unknown {
  for (const r of Array.isArray(result) ? (result as unknown[]) : [result]) {
    for (const field of (r as { fields?: Field[] } | null)?.fields ?? []) {
      if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = 25;
    }
  }
  return result;
}
type Callback = (err: unknown, result: unknown) => void;
class CatalogTextClient extends pg.Client {
  // Typed loosely on purpose: this wraps every overload of pg's query alike.
  override query(...args: unknown[]): never {
    // pg.Pool calls query with a callback; the adapter's transactions call it for a promise.
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as Callback;
      args[args.length - 1] = (err: unknown, result: unknown) =>
        callback(err, err ? result : reportCatalogTypesAsText(result));
    }
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to `this` right here
    const pending: unknown = Reflect.apply(super.query, this, args);
    return (pending instanceof Promise ? pending.then(reportCatalogTypesAsText) : pending) as never;
  }
}

// The adapter runs a migration by splitting it on every ";", which breaks function bodies. Send
// the whole script as one simple query instead: Postgres runs it as one implicit transaction, so
// a failing migration also leaves nothing half applied.
class WholeScriptPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        // Rethrown through the adapter so the schema engine sees its usual error shape.
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }
}

// `prisma generate` needs no database, but without DATABASE_URL set Prisma 6.19 falls back to
// downloading a native engine (impossible offline). Give it a placeholder; migrations still use
// only a URL that was really configured.
const configuredUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://placeholder.invalid/unused";

function databaseUrl(): string {
  const url = configuredUrl;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded Postgres).");
  return url;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: () =>
    Promise.resolve(
      new WholeScriptPrismaPg(
        new pg.Pool({ connectionString: databaseUrl(), max: 2, Client: CatalogTextClient }),
      ),
    ),
});
