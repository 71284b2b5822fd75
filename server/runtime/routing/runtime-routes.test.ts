import { describe, expect, it } from "vitest";
import { matchRuntimeRoute, RUNTIME_ROUTES } from "./runtime-routes";

describe("matchRuntimeRoute", () => {
  it("finds every route of the table, with its path parameters", () => {
    for (const route of RUNTIME_ROUTES) {
      const path = route.path.replace("{id}", "x_1");
      const match = matchRuntimeRoute(route.method, path);
      expect(match.kind, path).toBe("route");
      if (match.kind === "route") expect(match.route.name).toBe(route.name);
    }
    expect(matchRuntimeRoute("POST", "/api/runs/run_abc/end")).toMatchObject({
      kind: "route",
      route: { name: "endRun" },
      params: { id: "run_abc" },
    });
  });

  it("answers HEAD for GET routes and refuses other methods, except where Next may serve them", () => {
    expect(matchRuntimeRoute("HEAD", "/api/approvals/apr_1").kind).toBe("route");
    expect(matchRuntimeRoute("GET", "/api/decide")).toMatchObject({ kind: "wrong-method" });
    expect(matchRuntimeRoute("DELETE", "/api/runs/run_1/end")).toMatchObject({ kind: "wrong-method" });
    expect(matchRuntimeRoute("POST", "/api/health")).toEqual({ kind: "none" });
  });

  it("leaves every other path to Next", () => {
    for (const path of [
      "/",
      "/agents",
      "/api/trpc/x",
      "/api/runs/run_1",
      "/api/runs/run_1/end/x",
      "/api/decide/",
    ]) {
      expect(matchRuntimeRoute("POST", path), path).toEqual({ kind: "none" });
    }
  });
});
