import type { JsonObject } from "../grants/approval-rule";

/** What the audit trail keeps of an operation. */
export function operationAuditSnapshot(
  tool: { id: string; name: string },
  op: {
    name: string;
    effect: string;
    description: string;
    inputSchema: unknown;
  },
) {
  return {
    toolId: tool.id,
    tool: tool.name,
    operation: op.name,
    effect: op.effect,
    description: op.description,
    inputSchema: (op.inputSchema ?? null) as JsonObject | null,
  };
}
