import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { compileJsonSchema, describeSchemaErrors, tryCompileJsonSchema } from "./compile-json-schema";

describe("compileJsonSchema", () => {
  it("compiles a schema and validates with it", () => {
    const validate = compileJsonSchema({
      type: "object",
      properties: { amount: { type: "number", maximum: 100 } },
    });
    expect(validate({ amount: 50 })).toBe(true);
    expect(validate({ amount: 500 })).toBe(false);
    expect(describeSchemaErrors(validate.errors)).toBe("params/amount must be <= 100");
  });

  it("reuses the compiled validator for the same schema in any key order", () => {
    const a = compileJsonSchema({ type: "object", required: ["x"], properties: { x: { type: "string" } } });
    const b = compileJsonSchema({ properties: { x: { type: "string" } }, required: ["x"], type: "object" });
    expect(a).toBe(b);
  });

  it("tolerates unknown keywords such as MCP's", () => {
    const result = tryCompileJsonSchema({ type: "object", "x-mcp-hint": true, additionalPropertiesHint: 1 });
    expect(result.ok).toBe(true);
  });

  it("knows formats", () => {
    const validate = compileJsonSchema({ type: "string", format: "email" });
    expect(validate("a@b.co")).toBe(true);
    expect(validate("nope")).toBe(false);
  });

  it("supports draft-07 and 2020-12 schemas", () => {
    const draft7 = compileJsonSchema({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "array",
      items: [{ type: "string" }],
      definitions: { x: { type: "string" } },
    });
    expect(draft7(["a"])).toBe(true);
    const modern = compileJsonSchema({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "array",
      prefixItems: [{ type: "string" }],
      $defs: { n: { type: "number" } },
      items: { $ref: "#/$defs/n" },
    });
    expect(modern(["a", 1])).toBe(true);
    expect(modern(["a", "b"])).toBe(false);
  });

  it("allows two schemas with the same $id", () => {
    expect(tryCompileJsonSchema({ $id: "https://x.test/s", type: "string" }).ok).toBe(true);
    expect(tryCompileJsonSchema({ $id: "https://x.test/s", type: "number" }).ok).toBe(true);
  });

  it.each([
    [{ type: "strung" }, /not a valid JSON Schema/],
    [{ properties: { a: { minimum: "ten" } } }, /not a valid JSON Schema/],
    [{ $ref: "#/$defs/missing" }, /cannot be used/],
    [{ $schema: "http://json-schema.org/draft-04/schema#" }, /does not support/],
    [{ type: "string", pattern: "(" }, /./],
  ])("refuses %j with a sentence", (schema, message) => {
    const result = tryCompileJsonSchema(schema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("refuses non-objects and huge schemas", () => {
    for (const schema of [null, [], "string", 3, true]) expect(tryCompileJsonSchema(schema).ok).toBe(false);
    const huge = { description: "x".repeat(200 * 1024) };
    expect(tryCompileJsonSchema(huge)).toMatchObject({
      ok: false,
      message: expect.stringContaining("KB") as string,
    });
  });

  it("throws INVALID_REQUEST with the issue at the field path", () => {
    try {
      compileJsonSchema({ type: 12 }, "paramsSchema");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INVALID_REQUEST");
      expect((error as AppError).issues[0]?.path).toBe("paramsSchema");
    }
  });
});
