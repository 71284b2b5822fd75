/**
 * True when a request's Origin (or, failing that, Referer) names the host it was sent to.
 * Cross-site pages cannot forge Origin, so state-changing requests from them are refused.
 */
export function isSameOrigin(headers: Headers): boolean {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const source = headers.get("origin") ?? headers.get("referer");
  if (!host || !source) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
