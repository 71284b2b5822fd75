const FALLBACK = "/agents";
// Any origin works as the base: only whether the result stays on it matters.
const BASE = "http://warden.invalid";

/**
 * Where to go after signing in: a path on this site, never another. "//evil.example" and
 * "/\evil.example" start with "/" yet browsers read them as another host, so the path is resolved
 * as a browser would and kept only when it stays on the same origin.
 */
export function safeCallbackPath(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith("/") || raw.length > 2048) return FALLBACK;
  // Browsers drop tabs and newlines and treat "\" as "/" before resolving.
  if (/[\u0000-\u001f\\]/.test(raw)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? FALLBACK : path;
}
