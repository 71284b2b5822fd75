// What the hot path and the outcome path need to store payloads redacted: each tool's compiled
// rules per payload part, and the org's fingerprint key. Built once per policy snapshot.
import type { JsonValue } from "../canonical-json";
import { applyRedaction, type CompiledPathRule, type RedactionModeName } from "./apply-redaction";
import { parseJsonPath } from "./json-path";

export type PayloadPartName = "PARAMS" | "RESULT";

export type ToolRedaction = { params: CompiledPathRule[]; result: CompiledPathRule[] };

export type PayloadRedaction = {
  /** By tool name; a tool without rules is absent. */
  tools: ReadonlyMap<string, ToolRedaction>;
  /** The org's HMAC key of fingerprints (null: none yet; fingerprints then redact). */
  key: Buffer | null;
};

export type RedactionRuleRow = {
  tool: string;
  part: PayloadPartName;
  paths: string[];
  mode: RedactionModeName;
};

export const NO_REDACTION: PayloadRedaction = { tools: new Map(), key: null };

/**
 * Compile stored rules. A stored path that does not parse (paths are validated when saved, so
 * only a hand-edited row) redacts every top-level value of the part: a rule that cannot be
 * applied must not let the secret through.
 */
export function buildPayloadRedaction(
  rows: readonly RedactionRuleRow[],
  keyHex: string | null,
): PayloadRedaction {
  const tools = new Map<string, ToolRedaction>();
  for (const row of rows) {
    const entry = tools.get(row.tool) ?? { params: [], result: [] };
    const list = row.part === "PARAMS" ? entry.params : entry.result;
    for (const path of row.paths) {
      const parsed = parseJsonPath(path);
      list.push(
        parsed.ok
          ? { segments: parsed.segments, mode: row.mode }
          : { segments: [{ kind: "any" }], mode: "REDACT" },
      );
    }
    tools.set(row.tool, entry);
  }
  return { tools, key: keyHex ? Buffer.from(keyHex, "hex") : null };
}

/** A tool's payload as it may be stored. The same object when the tool has no rules for that part. */
export function redactPayload(
  redaction: PayloadRedaction | undefined,
  tool: string,
  part: PayloadPartName,
  payload: JsonValue,
): JsonValue {
  const rules = redaction?.tools.get(tool);
  if (!redaction || !rules) return payload;
  return applyRedaction(payload, part === "PARAMS" ? rules.params : rules.result, redaction.key);
}
