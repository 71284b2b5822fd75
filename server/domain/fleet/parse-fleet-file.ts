import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import type { z } from "zod";
import { AppError, type FieldIssue } from "../errors";
import { checkFleetSemantics } from "./check-fleet-semantics";
import { fleetDocumentSchema, type FleetDocument } from "./fleet-schema";

// Reading a fleet file reports EVERY problem at once, each with the path of the field it is
// about (`agents[1].grants[0].operation`), so that a reviewer can fix a file in one pass.

const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The path reported for problems with the file as a whole. */
export const FILE_PATH = "(file)";

export type FleetReadResult = { ok: true; document: FleetDocument } | { ok: false; issues: FieldIssue[] };

/** Parse and check a fleet file's text. Throws INVALID_FLEET_FILE listing every problem. */
export function parseFleetFile(text: string): FleetDocument {
  return orThrow(readFleetFile(text));
}

/** Check a fleet document already parsed into plain data (e.g. built in code or from JSON). */
export function validateFleetDocument(value: unknown): FleetDocument {
  return orThrow(checkFleetValue(value));
}

export function readFleetFile(text: string): FleetReadResult {
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) {
    return { ok: false, issues: [{ path: FILE_PATH, message: "is larger than 5 MB" }] };
  }
  // YAML 1.2 core schema: no timestamps or other implicit types, and duplicate keys are errors.
  const yamlDocument = parseDocument(text, { uniqueKeys: true, merge: false, prettyErrors: true });
  if (yamlDocument.errors.length > 0) {
    return {
      ok: false,
      issues: yamlDocument.errors.map((error) => {
        const line = error.linePos?.[0];
        const where = line ? `line ${line.line}, column ${line.col}` : FILE_PATH;
        if (error.code === "DUPLICATE_KEY") {
          const path = yamlPathAt(yamlDocument.contents, error.pos[0], []);
          return { path: path ?? where, message: `is set more than once (${where})` };
        }
        return { path: where, message: `is not valid YAML: ${error.message.split(" at line")[0]}` };
      }),
    };
  }
  return checkFleetValue(yamlDocument.toJS({ maxAliasCount: 100 }));
}

function orThrow(result: FleetReadResult): FleetDocument {
  if (result.ok) return result.document;
  const count = result.issues.length;
  throw new AppError(
    "INVALID_FLEET_FILE",
    `The fleet file has ${count} problem${count === 1 ? "" : "s"}; nothing was applied.`,
    { issues: result.issues },
  );
}

function checkFleetValue(value: unknown): FleetReadResult {
  const parsed = fleetDocumentSchema.safeParse(value);
  const shapeIssues = parsed.success ? [] : zodIssuesToFieldIssues(parsed.error.issues, value);
  const reported = new Set(shapeIssues.map((issue) => issue.path));
  const issues = [...shapeIssues, ...checkFleetSemantics(value).filter((issue) => !reported.has(issue.path))];
  if (parsed.success && issues.length === 0) return { ok: true, document: parsed.data };
  return { ok: false, issues };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || FILE_PATH;
}

function zodIssuesToFieldIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ path: formatPath([...issue.path, key]), message: "is not a known field" });
      continue;
    }
    if (issue.code === "invalid_union" && valueAt(input, issue.path) !== undefined) {
      // When one alternative fits the value's shape and fails deeper inside, its inner
      // problems say more than "must be one of …".
      const deeper = issue.errors.find(
        (branch) => branch.length > 0 && branch.every((e) => e.path.length > 0),
      );
      if (deeper) {
        out.push(
          ...zodIssuesToFieldIssues(
            deeper.map((e) => ({ ...e, path: [...issue.path, ...e.path] })),
            input,
          ),
        );
        continue;
      }
    }
    const missing = issue.code === "invalid_type" && valueAt(input, issue.path) === undefined;
    const missingUnion = issue.code === "invalid_union" && valueAt(input, issue.path) === undefined;
    out.push({
      path: formatPath(issue.path),
      message: missing || missingUnion ? "is required" : issue.message,
    });
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** The path of the map key at a character offset, e.g. `agents[0].grants[1].operation`. */
function yamlPathAt(node: unknown, offset: number, path: PropertyKey[]): string | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyRange = (pair.key as Node | null)?.range;
      if (keyRange && offset >= keyRange[0] && offset < keyRange[1]) return formatPath([...path, key]);
      const found = yamlPathAt(pair.value, offset, [...path, key]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = yamlPathAt(item, offset, [...path, index]);
      if (found) return found;
    }
  }
  return null;
}
