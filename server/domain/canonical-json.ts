// Canonical JSON: object keys sorted, no whitespace, Dates as ISO strings, BigInts as strings.
// Used wherever bytes are hashed (action hashes, the audit chain), so that the same value always
// hashes the same, whichever process or key order produced it.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Turn a value into plain JSON data (Dates → ISO strings, BigInts → strings, undefined dropped). */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("Non-finite numbers cannot be represented in JSON");
    return value;
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[key] = toJsonValue(v);
    }
    return out;
  }
  throw new TypeError(`Cannot represent a ${typeof value} in JSON`);
}

export function canonicalJson(value: unknown): string {
  return serialize(toJsonValue(value));
}

function serialize(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(serialize).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${serialize(value[k]!)}`).join(",")}}`;
}
