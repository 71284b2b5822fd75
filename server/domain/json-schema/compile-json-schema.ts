// One Ajv setup for every JSON Schema Warden stores: grant parameter schemas, approval `when`
// schemas and operation input schemas. The console uses it to refuse a schema that does not
// compile; the decision API uses the same compiled validators to check parameters, so a schema
// accepted here behaves the same there.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { canonicalJson } from "../canonical-json";
import { AppError } from "../errors";

export type { ValidateFunction };

export type SchemaCompileResult = { ok: true; validate: ValidateFunction } | { ok: false; message: string };

/** Compiled validators kept per process, keyed by the schema's canonical JSON. */
const CACHE_LIMIT = 1000;
/** Larger schemas are refused: they are almost certainly a paste error and cost memory per process. */
export const MAX_SCHEMA_BYTES = 128 * 1024;

type Dialect = "draft-07" | "2019-09" | "2020-12";

// ajv-formats is CommonJS whose default export is the plugin; some loaders hand us the module.
const addFormats: typeof addFormatsModule =
  (addFormatsModule as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const OPTIONS = {
  // MCP servers and hand-written schemas carry keywords Ajv does not know (`title` variants,
  // `x-…`, `examples` in odd places); they are annotations, not errors.
  strict: false,
  // First error only: cheaper on the decision path and enough to explain a refusal.
  allErrors: false,
  // A schema with an `$id` must not be registered globally: two grants may reuse one id.
  addUsedSchema: false,
  // Unknown formats are ignored (strict is off) without printing to the console.
  logger: false,
} as const;

function makeInstance(dialect: Dialect): Ajv {
  const ajv =
    dialect === "2020-12"
      ? new Ajv2020(OPTIONS)
      : dialect === "2019-09"
        ? new Ajv2019(OPTIONS)
        : new Ajv(OPTIONS);
  addFormats(ajv);
  return ajv;
}

const instances = new Map<Dialect, Ajv>();
function instance(dialect: Dialect): Ajv {
  let ajv = instances.get(dialect);
  if (!ajv) {
    ajv = makeInstance(dialect);
    instances.set(dialect, ajv);
  }
  return ajv;
}

const cache = new Map<string, { validate: ValidateFunction; schema: object; dialect: Dialect }>();

/**
 * The dialect named by `$schema`. Without one we use 2020-12, the dialect the current MCP
 * specification assumes; draft-07 schemas (most MCP SDKs emit that `$schema`) keep theirs.
 */
function dialectOf(schema: Record<string, unknown>): Dialect | { unsupported: string } {
  const declared = schema.$schema;
  if (declared === undefined) return "2020-12";
  if (typeof declared !== "string") return { unsupported: JSON.stringify(declared) };
  if (/json-schema\.org\/draft-07\/schema#?$/.test(declared)) return "draft-07";
  if (/json-schema\.org\/draft\/2019-09\/schema#?$/.test(declared)) return "2019-09";
  if (/json-schema\.org\/draft\/2020-12\/schema#?$/.test(declared)) return "2020-12";
  return { unsupported: declared };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Compile a JSON Schema, or say in one sentence why it is not one Warden can use. */
export function tryCompileJsonSchema(schema: unknown): SchemaCompileResult {
  if (!isPlainObject(schema)) return { ok: false, message: "A JSON Schema must be a JSON object." };
  let key: string;
  try {
    key = canonicalJson(schema);
  } catch {
    return { ok: false, message: "The schema contains values that are not JSON." };
  }
  const hit = cache.get(key);
  if (hit) {
    // Refresh its place so the least recently used schema is the one evicted.
    cache.delete(key);
    cache.set(key, hit);
    return { ok: true, validate: hit.validate };
  }
  if (Buffer.byteLength(key, "utf8") > MAX_SCHEMA_BYTES) {
    return { ok: false, message: `The schema is larger than ${MAX_SCHEMA_BYTES / 1024} KB.` };
  }
  const dialect = dialectOf(schema);
  if (typeof dialect !== "string") {
    return {
      ok: false,
      message: `The schema declares "$schema": "${dialect.unsupported}", which Warden does not support. Use draft-07 or 2020-12, or leave "$schema" out.`,
    };
  }
  const ajv = instance(dialect);
  // Compile our own copy: Ajv keys its internal cache by object identity, and the copy is what we
  // remove again on eviction.
  const own = JSON.parse(key) as object;
  if (!ajv.validateSchema(own)) {
    return {
      ok: false,
      message: `This is not a valid JSON Schema: ${describeSchemaErrors(ajv.errors, "schema")}.`,
    };
  }
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(own);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `This JSON Schema cannot be used: ${reason}.` };
  }
  cache.set(key, { validate, schema: own, dialect });
  if (cache.size > CACHE_LIMIT) {
    const oldestKey = cache.keys().next().value;
    if (oldestKey !== undefined) {
      const oldest = cache.get(oldestKey)!;
      cache.delete(oldestKey);
      instance(oldest.dialect).removeSchema(oldest.schema);
    }
  }
  return { ok: true, validate };
}

/**
 * Compile a JSON Schema or throw INVALID_REQUEST with the problem reported at `fieldPath`
 * (the form field or file path the schema came from).
 */
export function compileJsonSchema(schema: unknown, fieldPath = "schema"): ValidateFunction {
  const result = tryCompileJsonSchema(schema);
  if (!result.ok) {
    throw new AppError("INVALID_REQUEST", result.message, {
      issues: [{ path: fieldPath, message: result.message }],
    });
  }
  return result.validate;
}

/** Ajv's errors as one readable phrase, e.g. `params/amount must be <= 100`. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined, dataVar = "params"): string {
  if (!errors?.length) return "the value does not match the schema";
  return errors
    .slice(0, 3)
    .map((e) => `${dataVar}${e.instancePath} ${e.message ?? "is invalid"}`)
    .join("; ");
}
