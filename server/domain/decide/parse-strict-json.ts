// JSON.parse keeps the last of two equal keys, so `{"amount":1,"amount":9999}` reads as 9999 to
// us and may read as 1 to a proxy, a log pipeline or the tool itself. A policy engine must see
// exactly what everyone else sees, so duplicates (and pathological nesting) are refused before
// anything else reads the body. The scan only finds keys and depth; JSON.parse still does the
// parsing, so values are read by the same native parser everywhere.

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

export const DEFAULT_MAX_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/** Parse JSON, refusing duplicate keys, `__proto__` keys and nesting deeper than `maxDepth`. */
export function parseStrictJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): StrictJsonResult {
  const problem = scanKeys(text, maxDepth);
  if (problem) return { ok: false, message: problem };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: "The request body is not valid JSON." };
  }
}

/**
 * Walk the text once, tracking for each open object the keys seen so far. Malformed input is not
 * diagnosed here (JSON.parse does that); the scan only has to terminate on it.
 */
function scanKeys(text: string, maxDepth: number): string | null {
  // One entry per open container: a Set of keys for objects, null for arrays.
  const stack: (Set<string> | null)[] = [];
  let expectingKey = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      i++;
      while (i < length) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i += 2;
          continue;
        }
        if (d === QUOTE) break;
        i++;
      }
      if (i >= length) return null; // unterminated string: JSON.parse will refuse it
      const top = stack[stack.length - 1];
      if (expectingKey && top) {
        expectingKey = false;
        const key = escaped ? decodeKey(text.slice(start, i + 1)) : text.slice(start + 1, i);
        if (key === null) return null;
        if (key === "__proto__") return 'Keys named "__proto__" are not accepted.';
        if (top.has(key)) return `The key "${truncate(key)}" appears twice in the same object.`;
        top.add(key);
      }
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (stack.length >= maxDepth) return `The request is nested deeper than ${maxDepth} levels.`;
      stack.push(c === OPEN_OBJECT ? new Set<string>() : null);
      expectingKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      expectingKey = false;
    } else if (c === COMMA) {
      expectingKey = stack[stack.length - 1] != null;
    }
  }
  return null;
}

function decodeKey(quoted: string): string | null {
  try {
    const key = JSON.parse(quoted) as unknown;
    return typeof key === "string" ? key : null;
  } catch {
    return null;
  }
}

function truncate(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}
