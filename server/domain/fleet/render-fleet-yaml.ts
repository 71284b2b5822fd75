import { Document, isMap, isPair, isScalar, isSeq, Scalar, type Node } from "yaml";

// How an exported fleet file looks: the same layout a person would write by hand (small
// records on one line, JSON Schemas as nested blocks whose short parts stay on one line), with
// a fixed key order, so that an export is stable byte for byte and diffs well in Git.

/** JSON Schema keywords in the order people write them; other keys follow alphabetically. */
const SCHEMA_KEYWORDS = [
  "$schema",
  "$id",
  "$ref",
  "title",
  "description",
  "type",
  "format",
  "const",
  "enum",
  "default",
  "minimum",
  "exclusiveMinimum",
  "maximum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "items",
  "prefixItems",
  "contains",
  "minItems",
  "maxItems",
  "uniqueItems",
  "properties",
  "patternProperties",
  "required",
  "additionalProperties",
  "propertyNames",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "$defs",
  "definitions",
  "examples",
];
const KEYWORD_RANK = new Map(SCHEMA_KEYWORDS.map((keyword, index) => [keyword, index]));
/** Keywords whose value maps names (of properties, definitions) to schemas. */
const NAMED_SCHEMA_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
]);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A JSON Schema with its keys in a fixed, readable order (Postgres' jsonb keeps no order). */
export function orderSchemaKeys(value: unknown, namesOnly = false): unknown {
  if (Array.isArray(value)) return value.map((item) => orderSchemaKeys(item));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  entries.sort(([a], [b]) => {
    if (namesOnly) return compare(a, b);
    const rankA = KEYWORD_RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
    const rankB = KEYWORD_RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
    return rankA !== rankB ? rankA - rankB : compare(a, b);
  });
  return Object.fromEntries(
    entries.map(([key, child]) => {
      if (namesOnly) return [key, orderSchemaKeys(child)];
      return [key, orderSchemaKeys(child, NAMED_SCHEMA_MAPS.has(key) && isPlainObject(child))];
    }),
  );
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Keys whose values are JSON Schemas. */
const SCHEMA_KEYS = new Set(["inputSchema", "params", "when"]);
/** Lists whose items are small records, written one per line. */
const ONE_LINE_ITEMS = new Set(["environments", "members", "quotas"]);
/** Lists of short words, written on one line. */
const ONE_LINE_LISTS = new Set(["roles", "resources"]);
/** Patterns are quoted, as in the documentation, so that `*` and `#` never surprise a reader. */
const QUOTED = new Set(["operation", "resources"]);
const ONE_LINE_WIDTH = 72;

export function renderFleetYaml(data: object, header: string[]): string {
  const doc = new Document(data);
  style(doc.contents, null);
  const comment = header.map((line) => `# ${line}`).join("\n");
  return `${comment}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: true, indentSeq: true })}`;
}

function style(node: unknown, key: string | null, inSchema = false): void {
  if (isMap(node) || isSeq(node)) {
    const schema = inSchema || (key !== null && SCHEMA_KEYS.has(key));
    const short = oneLineLength(node) <= ONE_LINE_WIDTH;
    if (short && (schema || key === "approval")) node.flow = true;
    if (key !== null && ONE_LINE_LISTS.has(key)) node.flow = true;
    if (isSeq(node)) {
      for (const item of node.items) {
        if (key !== null && ONE_LINE_ITEMS.has(key) && isMap(item)) item.flow = true;
        if (key !== null && QUOTED.has(key) && isScalar(item)) item.type = Scalar.QUOTE_DOUBLE;
        style(item, null, schema);
      }
    } else {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const childKey = isScalar(pair.key) ? String(pair.key.value) : null;
        if (childKey !== null && QUOTED.has(childKey) && isScalar(pair.value))
          pair.value.type = Scalar.QUOTE_DOUBLE;
        style(pair.value, schema ? null : childKey, schema);
      }
    }
  }
}

/** Roughly how long a collection is when written on one line. */
function oneLineLength(node: Node): number {
  return JSON.stringify(node.toJSON()).length;
}
