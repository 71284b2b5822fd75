import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { DECIDE_ERROR_CODES, REASON_CODES } from "@/server/domain/decide/reason-codes";
import { RUNTIME_ROUTES } from "../routing/runtime-routes";
import { buildOpenApiDocument, openApiJson } from "./openapi-document";
import type { JsonSchema } from "./openapi-types";

const served = JSON.parse(openApiJson()) as ReturnType<typeof buildOpenApiDocument>;

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") found.push(child);
      else refsIn(child, found);
    }
  }
  return found;
}

function validatorFor(name: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(["x-enum-descriptions", "x-enum-decisions", "components"]);
  return ajv.compile({ components: served.components, $ref: `#/components/schemas/${name}` });
}

describe("the OpenAPI document", () => {
  it("is valid JSON and the same document as built", () => {
    expect(served.openapi).toBe("3.1.0");
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it("describes every route the handler serves, and nothing else", () => {
    const documented = Object.entries(served.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routes = RUNTIME_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(documented.sort()).toEqual(routes.sort());
    for (const route of RUNTIME_ROUTES) {
      const operation = served.paths[route.path]![route.method === "GET" ? "get" : "post"]!;
      expect(operation.security, route.path).toEqual(route.authenticated ? [{ bearer: [] }] : []);
      expect(
        Object.keys(operation.responses).some((s) => s.startsWith("2")),
        route.path,
      ).toBe(true);
      if (route.authenticated) expect(operation.responses["401"], route.path).toBeDefined();
    }
    expect(served.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("lists every reason code with its sentence, generated from REASON_CODES", () => {
    const reasonCode = served.components.schemas.ReasonCode as JsonSchema & {
      enum: string[];
      "x-enum-descriptions": Record<string, string>;
      description: string;
    };
    expect(reasonCode.enum).toEqual(Object.keys(REASON_CODES));
    for (const [code, entry] of Object.entries(REASON_CODES)) {
      expect(reasonCode["x-enum-descriptions"][code]).toBe(entry.message);
      expect(reasonCode.description).toContain(`\`${code}\``);
    }
    const errorCode = served.components.schemas.ErrorCode as JsonSchema & { enum: string[] };
    expect(errorCode.enum).toEqual(expect.arrayContaining(Object.keys(DECIDE_ERROR_CODES)));
    expect(errorCode.enum).toEqual(expect.arrayContaining(["NOT_FOUND", "CONFLICT", "AGENT_PAUSED"]));
  });

  it("resolves every $ref", () => {
    const refs = refsIn(served);
    expect(refs.length).toBeGreaterThan(10);
    for (const target of refs) {
      const [, kind, name] = /^#\/components\/(\w+)\/(\w+)$/.exec(target) ?? [];
      const section = served.components[kind as keyof typeof served.components] as Record<string, unknown>;
      expect(section?.[name!], target).toBeDefined();
    }
  });

  it("holds schemas that compile as JSON Schema 2020-12 and accept real payloads", () => {
    for (const name of Object.keys(served.components.schemas))
      expect(() => validatorFor(name), name).not.toThrow();
    const decide = validatorFor("DecideRequest");
    expect(
      decide({ tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { n: 1 } }),
    ).toBe(true);
    expect(decide({ tool: "github", operation: "pulls.merge", resource: "r", agentId: "x" })).toBe(false);
    const answer = validatorFor("DecideResponse");
    expect(
      answer({
        decision: "require_approval",
        decisionId: "dec_1",
        reason: { code: "APPROVAL_REQUIRED", message: REASON_CODES.APPROVAL_REQUIRED.message },
        grantId: null,
        approval: { id: "apr_1", expiresAt: new Date().toISOString() },
        quotas: [{ metric: "calls", window: "run", used: 1, limit: 5 }],
      }),
    ).toBe(true);
    expect(answer({ decision: "allow", decisionId: "dec_1", reason: { code: "MADE_UP", message: "" } })).toBe(
      false,
    );
    const outcome = validatorFor("OutcomeReport");
    expect(
      outcome({ status: "success", sideEffects: [{ kind: "github.pull_request", url: "https://x.test/1" }] }),
    ).toBe(true);
    expect(outcome({ status: "success", sideEffects: [{ kind: "x", url: "javascript:alert(1)" }] })).toBe(
      false,
    );
    expect(validatorFor("StartRunRequest")({ trigger: { kind: "ticket", ref: "T-1" } })).toBe(true);
    expect(validatorFor("EndRunRequest")({ status: "done" })).toBe(false);
  });
});
