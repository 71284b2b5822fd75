import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { canonicalJson } from "../canonical-json";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { Prisma } from "../../generated/prisma/client";
import {
  EFFECT_STRICTNESS,
  MAX_OPERATIONS_PER_TOOL,
  MAX_TOOL_NAME_LENGTH,
  TOOL_NAME_PATTERN,
  TOOL_NAME_RULE,
  type EffectClass,
} from "./catalog-rules";
import { isUniqueViolation } from "./is-unique-violation";
import { parseMcpToolsJson, type ImportedOperation } from "./parse-mcp-tools";

export type ImportMcpResult = { toolId: string; created: number; updated: number; unchanged: number };

/**
 * An import may tighten an operation's effect class but never loosen it: annotations are hints
 * from the MCP server, and a human's stricter classification (or an earlier, stricter hint) must
 * not be undone by re-importing. Loosening takes an explicit edit of the operation.
 */
function mergedEffect(existing: EffectClass, imported: EffectClass): EffectClass {
  return EFFECT_STRICTNESS[imported] > EFFECT_STRICTNESS[existing] ? imported : existing;
}

type ExistingOperation = {
  id: string;
  name: string;
  effect: EffectClass;
  description: string;
  inputSchema: unknown;
};

function changedFields(existing: ExistingOperation, next: ImportedOperation): string[] {
  const changes: string[] = [];
  if (next.effect !== existing.effect) changes.push("effect");
  if (next.description !== existing.description) changes.push("description");
  if (canonicalJson(next.inputSchema) !== canonicalJson(existing.inputSchema ?? null))
    changes.push("inputSchema");
  return changes;
}

/**
 * Bring a tool's operations in line with an MCP server's tools/list: create the tool if missing,
 * create new operations, update changed ones, all in one transaction with one audit event.
 * Operations the server no longer lists are kept (removing them is a separate, deliberate act).
 */
export async function importMcpTools(
  member: MemberContext,
  input: { toolName: string; json: string },
): Promise<ImportMcpResult> {
  authorize(member, "tools:write");
  if (!TOOL_NAME_PATTERN.test(input.toolName) || input.toolName.length > MAX_TOOL_NAME_LENGTH) {
    throw new AppError("INVALID_REQUEST", TOOL_NAME_RULE, {
      issues: [{ path: "toolName", message: TOOL_NAME_RULE }],
    });
  }
  const imported = parseMcpToolsJson(input.json);
  try {
    return await db.$transaction(
      async (tx) => {
        const found = await tx.tool.findUnique({
          where: { orgId_name: { orgId: member.orgId, name: input.toolName } },
          select: { id: true },
        });
        const tool =
          found ??
          (await tx.tool.create({
            data: { orgId: member.orgId, name: input.toolName, source: "MCP" },
            select: { id: true },
          }));
        const existing = await tx.operation.findMany({
          where: { toolId: tool.id },
          select: { id: true, name: true, effect: true, description: true, inputSchema: true },
        });
        const byName = new Map(existing.map((op) => [op.name, op]));
        const toCreate = imported.filter((op) => !byName.has(op.name));
        if (existing.length + toCreate.length > MAX_OPERATIONS_PER_TOOL) {
          throw new AppError(
            "PRECONDITION_FAILED",
            `${input.toolName} would have ${existing.length + toCreate.length} operations; a tool can have at most ${MAX_OPERATIONS_PER_TOOL}.`,
          );
        }

        const updated: { name: string; changes: string[] }[] = [];
        let unchanged = 0;
        for (const op of imported) {
          const current = byName.get(op.name);
          if (!current) continue;
          const next = { ...op, effect: mergedEffect(current.effect, op.effect) };
          const changes = changedFields(current, next);
          if (changes.length === 0) {
            unchanged += 1;
            continue;
          }
          await tx.operation.update({
            where: { id: current.id },
            data: {
              effect: next.effect,
              description: next.description,
              inputSchema: next.inputSchema ?? Prisma.DbNull,
            },
          });
          updated.push({ name: op.name, changes });
        }
        if (toCreate.length) {
          await tx.operation.createMany({
            data: toCreate.map((op) => ({
              orgId: member.orgId,
              toolId: tool.id,
              name: op.name,
              effect: op.effect,
              description: op.description,
              inputSchema: op.inputSchema ?? Prisma.DbNull,
            })),
          });
        }

        await writeAuditEvent(tx, {
          orgId: member.orgId,
          actor: { type: "USER", id: member.userId, label: member.email },
          action: "tool.imported",
          targetType: "tool",
          targetId: tool.id,
          after: {
            tool: input.toolName,
            source: "MCP",
            toolCreated: !found,
            created: toCreate.map((op) => ({ name: op.name, effect: op.effect })),
            updated,
            unchanged,
          },
        });
        if (!found || toCreate.length || updated.length) await bumpPolicyVersion(tx, member.orgId);
        return { toolId: tool.id, created: toCreate.length, updated: updated.length, unchanged };
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "CONFLICT",
        "Someone changed this tool at the same moment. Nothing was imported; try again.",
      );
    }
    throw error;
  }
}
