// The digest a runtime reports for a tool's result: SHA-256 (hex) of the result as JSON with
// object keys sorted, so that the same result gives the same digest in any language. Only the
// digest leaves the runtime, never the result (it may hold customer data).

/** JSON with object keys sorted at every level (`undefined` reads as null, like JSON.stringify in arrays). */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value) ?? null);
}

function sortKeys(value: unknown): unknown {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    return sortKeys((value as { toJSON: () => unknown }).toJSON());
  }
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((item) => sortKeys(item) ?? null);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = sortKeys((value as Record<string, unknown>)[key]);
      if (child !== undefined) sorted[key] = child;
    }
    return sorted;
  }
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  return value;
}

export async function sha256Hex(text: string): Promise<string> {
  const bytes = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The result digest of `value`; undefined when it cannot be written as JSON (e.g. a cycle). */
export async function resultDigest(value: unknown): Promise<string | undefined> {
  let text: string;
  try {
    text = stableJson(value);
  } catch {
    return undefined;
  }
  return sha256Hex(text);
}
