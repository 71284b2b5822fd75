import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { effectFromAnnotations, parseMcpToolsJson } from "./parse-mcp-tools";

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

const tools = [
  {
    name: "list_issues",
    description: "List issues",
    inputSchema: { type: "object", properties: { repo: { type: "string" } } },
    annotations: { readOnlyHint: true },
  },
  { name: "delete_repo", annotations: { destructiveHint: true, readOnlyHint: false } },
  { name: "create_issue", description: null, title: "Create", _meta: { x: 1 } },
];

describe("parseMcpToolsJson", () => {
  it("reads a tools/list result", () => {
    expect(parseMcpToolsJson(JSON.stringify({ tools }))).toEqual([
      {
        name: "list_issues",
        description: "List issues",
        inputSchema: { type: "object", properties: { repo: { type: "string" } } },
        effect: "READ",
      },
      { name: "delete_repo", description: "", inputSchema: null, effect: "DELETE" },
      { name: "create_issue", description: "", inputSchema: null, effect: "WRITE" },
    ]);
  });

  it("reads a whole JSON-RPC response", () => {
    const json = JSON.stringify({ jsonrpc: "2.0", id: 1, result: { tools, nextCursor: "x" } });
    expect(parseMcpToolsJson(json).map((t) => t.name)).toEqual([
      "list_issues",
      "delete_repo",
      "create_issue",
    ]);
  });

  it("explains what is wrong with the document", () => {
    expect(errorOf(() => parseMcpToolsJson("{not json")).message).toMatch(/not valid JSON/);
    expect(errorOf(() => parseMcpToolsJson('{"items": []}')).message).toMatch(/tools\/list/);
    expect(errorOf(() => parseMcpToolsJson("[]")).message).toMatch(/tools\/list/);
    expect(errorOf(() => parseMcpToolsJson('{"tools": []}')).message).toMatch(/empty/);
    const rpcError = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      error: { code: -32601, message: "Method not found" },
    });
    expect(errorOf(() => parseMcpToolsJson(rpcError)).message).toMatch(/JSON-RPC error.*Method not found/);
  });

  it("reports bad tools with their paths and imports nothing", () => {
    const bad = [
      { name: "ok_tool" },
      { name: "has space" },
      { name: "ok_tool" },
      { description: "no name" },
      { name: "bad_schema", inputSchema: { type: "nope" } },
      { name: "bad_hint", annotations: { readOnlyHint: "yes" } },
    ];
    const error = errorOf(() => parseMcpToolsJson(JSON.stringify({ tools: bad })));
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.message).toMatch(/^Nothing was imported: 5 problems/);
    expect(error.issues.map((i) => i.path)).toEqual([
      "tools.1.name",
      "tools.2.name",
      "tools.3.name",
      "tools.4.inputSchema",
      "tools.5.annotations.readOnlyHint",
    ]);
  });

  it("caps the number of tools and the size", () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ name: `t${i}` }));
    expect(errorOf(() => parseMcpToolsJson(JSON.stringify({ tools: many }))).message).toMatch(/at most 500/);
    const big = JSON.stringify({ tools: [{ name: "x", description: "d".repeat(1024 * 1024) }] });
    expect(errorOf(() => parseMcpToolsJson(big)).code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("effectFromAnnotations", () => {
  it.each([
    [undefined, "WRITE"],
    [{}, "WRITE"],
    [{ readOnlyHint: true }, "READ"],
    [{ readOnlyHint: false }, "WRITE"],
    [{ destructiveHint: true }, "DELETE"],
    [{ destructiveHint: false }, "WRITE"],
    // Contradictory hints: the stricter one wins.
    [{ readOnlyHint: true, destructiveHint: true }, "DELETE"],
  ] as const)("%j → %s", (annotations, effect) => {
    expect(effectFromAnnotations(annotations)).toBe(effect);
  });
});
