// Every route the runtime handler serves, in one table: handler.ts dispatches on it and the
// OpenAPI document is tested against it, so a route cannot be served without being documented.
// Paths are written as in OpenAPI (`/api/runs/{id}/end`).

export type RouteName =
  | "decide"
  | "token"
  | "jwks"
  | "health"
  | "openapi"
  | "startRun"
  | "endRun"
  | "reportOutcome"
  | "getApproval"
  | "submitPlan"
  | "getPlan"
  | "cancelPlan";

export type HttpMethod = "GET" | "POST";

export type RuntimeRoute = {
  name: RouteName;
  path: string;
  method: HttpMethod;
  /** Whether the caller must present an agent credential or token. */
  authenticated: boolean;
  /**
   * What other methods get: a 405 from us, or nothing (the request goes on to Next.js, as it did
   * before these routes existed).
   */
  otherMethods: "refuse" | "pass";
};

export const RUNTIME_ROUTES: readonly RuntimeRoute[] = [
  { name: "decide", path: "/api/decide", method: "POST", authenticated: true, otherMethods: "refuse" },
  { name: "token", path: "/api/token", method: "POST", authenticated: true, otherMethods: "refuse" },
  { name: "jwks", path: "/.well-known/jwks.json", method: "GET", authenticated: false, otherMethods: "pass" },
  { name: "health", path: "/api/health", method: "GET", authenticated: false, otherMethods: "pass" },
  { name: "openapi", path: "/api/openapi.json", method: "GET", authenticated: false, otherMethods: "refuse" },
  { name: "startRun", path: "/api/runs", method: "POST", authenticated: true, otherMethods: "refuse" },
  { name: "endRun", path: "/api/runs/{id}/end", method: "POST", authenticated: true, otherMethods: "refuse" },
  {
    name: "reportOutcome",
    path: "/api/decisions/{id}/outcome",
    method: "POST",
    authenticated: true,
    otherMethods: "refuse",
  },
  {
    name: "getApproval",
    path: "/api/approvals/{id}",
    method: "GET",
    authenticated: true,
    otherMethods: "refuse",
  },
  { name: "submitPlan", path: "/api/plans", method: "POST", authenticated: true, otherMethods: "refuse" },
  { name: "getPlan", path: "/api/plans/{id}", method: "GET", authenticated: true, otherMethods: "refuse" },
  {
    name: "cancelPlan",
    path: "/api/plans/{id}/cancel",
    method: "POST",
    authenticated: true,
    otherMethods: "refuse",
  },
];

export type RouteMatch =
  | { kind: "none" }
  | { kind: "wrong-method"; route: RuntimeRoute }
  | { kind: "route"; route: RuntimeRoute; params: Record<string, string> };

type CompiledRoute = { route: RuntimeRoute; pattern: RegExp; names: string[] };

// A path parameter is any one segment: a malformed id still reaches our handler, which answers a
// JSON 404, instead of falling through to the console's HTML 404.
const compiled: CompiledRoute[] = RUNTIME_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), names };
});

const staticRoutes = new Map(
  compiled.filter((c) => c.names.length === 0).map((c) => [c.route.path, c.route] as const),
);
const parameterized = compiled.filter((c) => c.names.length > 0);
const NO_PARAMS: Record<string, string> = Object.freeze({});

function methodMatch(route: RuntimeRoute, method: string | undefined): RouteMatch | null {
  const allowed = method === route.method || (route.method === "GET" && method === "HEAD");
  if (allowed) return null;
  return route.otherMethods === "pass" ? { kind: "none" } : { kind: "wrong-method", route };
}

/** Match a request's method and path (without the query string) against the table. */
export function matchRuntimeRoute(method: string | undefined, path: string): RouteMatch {
  // The hot path (/api/decide) is one map lookup.
  const fixed = staticRoutes.get(path);
  if (fixed) return methodMatch(fixed, method) ?? { kind: "route", route: fixed, params: NO_PARAMS };
  for (const { route, pattern, names } of parameterized) {
    const found = pattern.exec(path);
    if (!found) continue;
    const wrong = methodMatch(route, method);
    if (wrong) return wrong;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = safeDecode(found[i + 1] ?? "");
    });
    return { kind: "route", route, params };
  }
  return { kind: "none" };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
