// The JSON paths of redaction rules: a small, predictable subset of JSONPath that a reviewer can
// read — `$.card.number`, `$.headers.*`, `$.items[*].token`, `$.rows[0]`, `$['api-key']` and the
// descendant form `$..password` (that key at any depth).

export type PathSegment =
  | { kind: "key"; name: string }
  | { kind: "index"; index: number }
  | { kind: "any" }
  | { kind: "descend"; name: string };

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; message: string };

export const MAX_PATH_LENGTH = 200;
const NAME = /^[A-Za-z_$][A-Za-z0-9_$-]*/;

export function parseJsonPath(path: string): ParsedPath {
  const fail = (message: string): ParsedPath => ({ ok: false, message });
  if (path.length > MAX_PATH_LENGTH) return fail(`must be at most ${MAX_PATH_LENGTH} characters`);
  if (!path.startsWith("$")) return fail("must start with $ (e.g. $.card.number)");
  const segments: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith("..")) {
      const name = NAME.exec(rest.slice(2))?.[0];
      if (!name) return fail("`..` must be followed by a key name (e.g. $..password)");
      segments.push({ kind: "descend", name });
      rest = rest.slice(2 + name.length);
    } else if (rest.startsWith(".*")) {
      segments.push({ kind: "any" });
      rest = rest.slice(2);
    } else if (rest.startsWith(".")) {
      const name = NAME.exec(rest.slice(1))?.[0];
      if (!name) return fail(`"${rest}" is not a key name; quote unusual keys as ['key']`);
      segments.push({ kind: "key", name });
      rest = rest.slice(1 + name.length);
    } else if (rest.startsWith("[*]")) {
      segments.push({ kind: "any" });
      rest = rest.slice(3);
    } else {
      const index = /^\[(\d{1,6})\]/.exec(rest);
      const quoted = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest);
      if (index) {
        segments.push({ kind: "index", index: Number(index[1]) });
        rest = rest.slice(index[0].length);
      } else if (quoted) {
        segments.push({ kind: "key", name: quoted[1]!.replace(/\\(.)/g, "$1") });
        rest = rest.slice(quoted[0].length);
      } else {
        return fail(`cannot read "${rest}" (use .key, ['key'], [0], .* or [*])`);
      }
    }
  }
  if (segments.length === 0) return fail("must name a part of the payload, not the whole of it ($)");
  return { ok: true, segments };
}
