// A one-line reading of simple JSON Schemas ("amount > 10000, currency is one of usd, eur"), so
// a grant card says what its rules mean. Schemas it cannot read are shown as JSON instead.

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function describeProperty(name: string, schema: Schema): string[] {
  const out: string[] = [];
  if ("const" in schema) out.push(`${name} = ${show(schema.const)}`);
  if (Array.isArray(schema.enum)) out.push(`${name} is one of ${schema.enum.map(show).join(", ")}`);
  if (typeof schema.minimum === "number") out.push(`${name} ≥ ${schema.minimum}`);
  if (typeof schema.exclusiveMinimum === "number") out.push(`${name} > ${schema.exclusiveMinimum}`);
  if (typeof schema.maximum === "number") out.push(`${name} ≤ ${schema.maximum}`);
  if (typeof schema.exclusiveMaximum === "number") out.push(`${name} < ${schema.exclusiveMaximum}`);
  if (typeof schema.pattern === "string") out.push(`${name} matches /${schema.pattern}/`);
  if (typeof schema.maxLength === "number") out.push(`${name} at most ${schema.maxLength} characters`);
  if (typeof schema.maxItems === "number") out.push(`${name} at most ${schema.maxItems} items`);
  return out;
}

export function summarizeSchema(schema: unknown): string | null {
  if (!isObject(schema) || !isObject(schema.properties)) return null;
  const parts: string[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (isObject(property)) parts.push(...describeProperty(name, property));
  }
  if (Array.isArray(schema.required) && schema.required.length) {
    const notDescribed = schema.required.filter(
      (r) => typeof r === "string" && !parts.some((p) => p.startsWith(`${r} `)),
    );
    if (notDescribed.length) parts.push(`requires ${notDescribed.join(", ")}`);
  }
  if (schema.additionalProperties === false) parts.push("no other parameters");
  return parts.length ? parts.join(", ") : null;
}
