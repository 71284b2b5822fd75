// A resource has exactly one spelling. Grants are matched as strings, so two spellings of one
// thing (`repo:acme/web`, `repo:acme/./web`, `repo:acme%2Fweb`, a decomposed `é`) would let a
// request slip past a pattern that was meant to cover — or exclude — it. Anything that a tool,
// a shell or a URL parser might read as a different path than we do is refused.

export const MAX_RESOURCE_LENGTH = 1024;

/** Percent-encoded `.`, `/`, `\` and `%` itself (double encoding), in either case. */
const ENCODED_SEPARATOR = /%(2e|2f|5c|25)/i;
/** Control, format (zero-width, bidi overrides) and separator characters, including NUL. */
const INVISIBLE_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}]/u;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
/** Characters with a structural meaning whose look-alikes (fullwidth `／`, one-dot leader `․`) we refuse. */
const STRUCTURAL = new Set(["/", ".", "\\", ":", "%"]);

/** Why the resource is not canonical, in a sentence; null when it is canonical. */
export function resourceProblem(resource: string): string | null {
  if (resource.length === 0) return "The resource is empty.";
  if (resource.length > MAX_RESOURCE_LENGTH)
    return `The resource is longer than ${MAX_RESOURCE_LENGTH} characters.`;
  if (!PRINTABLE_ASCII.test(resource)) {
    if (!resource.isWellFormed()) return "The resource contains invalid Unicode.";
    if (INVISIBLE_OR_SPACE.test(resource))
      return "The resource contains spaces, control characters or invisible characters.";
    if (resource.normalize("NFC") !== resource)
      return "The resource is not in Unicode normalization form C (NFC).";
    const lookAlike = lookAlikeOfStructural(resource);
    if (lookAlike) return `The resource contains "${lookAlike}", which reads like a separator.`;
  }
  if (resource.includes("\\")) return "The resource contains a backslash; use / as the separator.";
  if (ENCODED_SEPARATOR.test(resource)) {
    return "The resource contains a percent-encoded dot, slash, backslash or percent sign.";
  }
  // The path is what follows the type (`repo:`); a resource without a type is all path.
  const colon = resource.indexOf(":");
  const path = colon === -1 ? resource : resource.slice(colon + 1);
  if (path.length === 0) return "The resource has nothing after its type.";
  if (path.endsWith("/")) return "The resource ends with a slash.";
  for (const segment of path.split("/")) {
    if (segment === "") return "The resource contains an empty path segment (// or a leading /).";
    if (segment === "." || segment === "..") return "The resource contains a . or .. path segment.";
  }
  return null;
}

function lookAlikeOfStructural(resource: string): string | null {
  for (const char of resource) {
    if (char.charCodeAt(0) < 0x80) continue;
    const compatible = char.normalize("NFKC");
    for (const c of compatible) if (STRUCTURAL.has(c)) return char;
  }
  return null;
}
