import fs from "node:fs";
import { InvalidArgumentError } from "commander";
import { createDb, type Db } from "../db";
import { AppError } from "../domain/errors";

// What every `warden` command shares: the database connection, finding the org, and turning
// failures into a message and an exit code (1) instead of a stack trace.

/** A failure the user can fix; printed as `warden: <message>` and exit code 1. */
export class CliError extends Error {}

let database: Db | null = null;

/** The database named by DATABASE_URL, as for the server. Opened on first use. */
export function cliDatabase(): Db {
  if (database) return database;
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new CliError(
      [
        "DATABASE_URL is not set, so there is no database to work on.",
        "Set it to Warden's Postgres database, the same one the server uses, for example:",
        "  export DATABASE_URL=postgresql://warden:secret@localhost:5432/warden",
        "(`npm start` without DATABASE_URL keeps its embedded database private to the server; to use the",
        "command line as well, run Warden with DATABASE_URL pointing at a Postgres server.)",
      ].join("\n"),
    );
  }
  // The command line runs one statement at a time: a small pool is plenty.
  database = createDb(url, 2);
  return database;
}

async function closeDatabase() {
  const open = database;
  database = null;
  await open?.$disconnect();
}

/** The org to act on: the one named, or the only one there is. */
export async function resolveOrg(
  db: Db,
  slug: string | undefined,
): Promise<{ id: string; slug: string; name: string }> {
  if (slug) {
    const org = await db.organization.findUnique({
      where: { slug },
      select: { id: true, slug: true, name: true },
    });
    if (!org) throw new CliError(`There is no org "${slug}".`);
    return org;
  }
  const orgs = await db.organization.findMany({
    select: { id: true, slug: true, name: true },
    orderBy: { slug: "asc" },
    take: 11,
  });
  if (orgs.length === 1) return orgs[0]!;
  if (orgs.length === 0)
    throw new CliError("There is no org yet. Create one with `warden apply <fleet file>`.");
  const names = orgs.slice(0, 10).map((org) => org.slug);
  throw new CliError(
    `There are several orgs (${names.join(", ")}${orgs.length > 10 ? ", …" : ""}); choose one with --org <slug>.`,
  );
}

/** Read a file named on the command line (`-` is standard input). */
export function readInputFile(file: string): string {
  try {
    return fs.readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`Cannot read ${file}: ${why}.`);
  }
}

/** A commander option parser for a whole number within bounds. */
export function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) {
      throw new InvalidArgumentError(`Use a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

/**
 * Wrap a command's action: print failures as sentences (with every field problem on its own
 * line), set the exit code, and always close the database so that the process ends.
 */
export function runAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      reportError(error);
      process.exitCode = 1;
    } finally {
      await closeDatabase();
    }
  };
}

function reportError(error: unknown) {
  if (error instanceof CliError) {
    console.error(`warden: ${error.message}`);
  } else if (error instanceof AppError) {
    console.error(`warden: ${error.message}`);
    for (const issue of error.issues) console.error(`  ${issue.path}: ${issue.message}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`warden: the command failed: ${message}`);
    if (process.env.WARDEN_DEBUG && error instanceof Error) console.error(error.stack);
  }
}
