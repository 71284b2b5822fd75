// Reads what an MCP server answers to `tools/list` (the result object, or the whole JSON-RPC
// response) into catalog operations. The server is not trusted: everything is validated, sizes
// are capped, and every input schema must compile.
import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";
import type { JsonObject } from "../grants/approval-rule";
import { tryCompileJsonSchema } from "../json-schema/compile-json-schema";
import { MAX_OPERATION_DESCRIPTION_LENGTH, operationNameProblem, type EffectClass } from "./catalog-rules";

export const MAX_MCP_JSON_BYTES = 1024 * 1024;
export const MAX_MCP_TOOLS = 500;
const MAX_REPORTED_ISSUES = 20;

export type ImportedOperation = {
  name: string;
  description: string;
  inputSchema: JsonObject | null;
  effect: EffectClass;
};

const annotationsSchema = z
  .object({
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .loose();

const mcpToolSchema = z
  .object({
    name: z.string(),
    description: z.string().max(MAX_OPERATION_DESCRIPTION_LENGTH).nullish(),
    inputSchema: z.record(z.string(), z.json()).nullish(),
    annotations: annotationsSchema.nullish(),
  })
  .loose();

/**
 * The effect class an MCP tool's annotations suggest. A tool claiming to be both read-only and
 * destructive is treated as destructive: when hints contradict, the stricter one wins.
 */
export function effectFromAnnotations(
  annotations: z.infer<typeof annotationsSchema> | null | undefined,
): EffectClass {
  if (annotations?.destructiveHint === true) return "DELETE";
  if (annotations?.readOnlyHint === true) return "READ";
  return "WRITE";
}

function invalid(message: string, issues: FieldIssue[] = []): AppError {
  return new AppError("INVALID_REQUEST", message, {
    issues: issues.length ? issues : [{ path: "json", message }],
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `tools` array of a tools/list result or of a JSON-RPC response wrapping one. */
function toolsArray(document: unknown): unknown[] {
  if (isObject(document)) {
    if (Array.isArray(document.tools)) return document.tools;
    if (isObject(document.result) && Array.isArray(document.result.tools)) return document.result.tools;
    if (isObject(document.error)) {
      const detail = typeof document.error.message === "string" ? `: ${document.error.message}` : "";
      throw invalid(`This is a JSON-RPC error response, not a list of tools${detail}.`);
    }
  }
  throw invalid(
    'The JSON does not look like an MCP tools/list result: expected { "tools": [...] } or { "result": { "tools": [...] } }.',
  );
}

export function parseMcpToolsJson(json: string): ImportedOperation[] {
  if (Buffer.byteLength(json, "utf8") > MAX_MCP_JSON_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The tools list is larger than 1 MB; import it in parts.", {
      issues: [{ path: "json", message: "Larger than 1 MB." }],
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : "";
    throw invalid(`This is not valid JSON${reason}. Paste the server's tools/list response as it is.`);
  }
  const tools = toolsArray(document);
  if (tools.length === 0) throw invalid("The tools list is empty: there is nothing to import.");
  if (tools.length > MAX_MCP_TOOLS) {
    throw invalid(`The list has ${tools.length} tools; at most ${MAX_MCP_TOOLS} can be imported at once.`);
  }

  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const operations: ImportedOperation[] = [];
  tools.forEach((raw, index) => {
    const path = `tools.${index}`;
    const parsed = mcpToolSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ path: [path, ...issue.path.map(String)].join("."), message: issue.message });
      }
      return;
    }
    const tool = parsed.data;
    const nameProblem = operationNameProblem(tool.name);
    if (nameProblem)
      issues.push({ path: `${path}.name`, message: `"${tool.name.slice(0, 80)}": ${nameProblem}` });
    else if (seen.has(tool.name))
      issues.push({ path: `${path}.name`, message: `"${tool.name}" appears twice.` });
    seen.add(tool.name);
    const inputSchema: JsonObject | null = tool.inputSchema ?? null;
    if (inputSchema) {
      const compiled = tryCompileJsonSchema(inputSchema);
      if (!compiled.ok) issues.push({ path: `${path}.inputSchema`, message: compiled.message });
    }
    operations.push({
      name: tool.name,
      description: tool.description ?? "",
      inputSchema,
      effect: effectFromAnnotations(tool.annotations),
    });
  });
  if (issues.length) {
    const shown = issues.slice(0, MAX_REPORTED_ISSUES);
    const more = issues.length - shown.length;
    const first = shown[0]!;
    throw invalid(
      `Nothing was imported: ${issues.length} problem${issues.length === 1 ? "" : "s"} in the tools list, the first at ${first.path}: ${first.message}${more > 0 ? ` (${more} more not shown)` : ""}`,
      shown,
    );
  }
  return operations;
}
