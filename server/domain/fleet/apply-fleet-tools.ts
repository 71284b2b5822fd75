import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { applyFleetRedaction } from "../redaction/apply-fleet-redaction";
import { operationAuditSnapshot } from "../tools/operation-record";
import { changedFields, type FleetChanges } from "./fleet-changes";
import type { FleetDocument, FleetTool } from "./fleet-schema";

// The tool catalog. A listed tool is described completely by the file: operations it does not
// list are removed. Tools the file does not list are left alone (e.g. imported from MCP).

export async function applyTools(
  tx: Tx,
  orgId: string,
  doc: FleetDocument,
  changes: FleetChanges,
): Promise<void> {
  for (const declared of doc.tools) {
    const description = declared.description ?? "";
    const select = { id: true, name: true, description: true, source: true } as const;
    let tool = await tx.tool.findUnique({ where: { orgId_name: { orgId, name: declared.name } }, select });
    if (!tool) {
      tool = await tx.tool.create({
        data: { orgId, name: declared.name, description, source: "FLEET" },
        select,
      });
      await changes.record(
        "created",
        `tool ${declared.name}`,
        {
          action: "tool.created",
          targetType: "tool",
          targetId: tool.id,
          after: tool,
        },
        { policy: true },
      );
    } else if (tool.description !== description) {
      const updated = await tx.tool.update({ where: { id: tool.id }, data: { description }, select });
      await changes.record(
        "updated",
        `tool ${declared.name}: description`,
        {
          action: "tool.updated",
          targetType: "tool",
          targetId: tool.id,
          before: tool,
          after: updated,
        },
        { policy: true },
      );
    } else changes.same();
    await applyOperations(tx, orgId, tool, declared, changes);
    await applyFleetRedaction(tx, orgId, tool, declared.redaction, changes);
  }
}

type OperationFields = { effect: string; description: string; inputSchema: unknown };

async function applyOperations(
  tx: Tx,
  orgId: string,
  toolRow: { id: string; name: string },
  tool: FleetTool,
  changes: FleetChanges,
) {
  const rows = await tx.operation.findMany({
    where: { toolId: toolRow.id },
    select: { id: true, name: true, effect: true, description: true, inputSchema: true },
    orderBy: { name: "asc" },
  });
  const byName = new Map(rows.map((row) => [row.name, row]));
  const snapshot = (name: string, fields: OperationFields) =>
    operationAuditSnapshot(toolRow, { name, ...fields });

  for (const declared of tool.operations) {
    const label = `operation ${tool.name}:${declared.name}`;
    const fields: OperationFields = {
      effect: declared.effect,
      description: declared.description ?? "",
      inputSchema: declared.inputSchema ?? null,
    };
    const row = byName.get(declared.name);
    byName.delete(declared.name);
    const data = {
      effect: declared.effect,
      description: fields.description,
      inputSchema: declared.inputSchema ? (declared.inputSchema as Prisma.InputJsonValue) : Prisma.DbNull,
    };
    if (!row) {
      const created = await tx.operation.create({
        data: { orgId, toolId: toolRow.id, name: declared.name, ...data },
        select: { id: true },
      });
      await changes.record(
        "created",
        `${label} (${declared.effect})`,
        {
          action: "operation.created",
          targetType: "operation",
          targetId: created.id,
          after: snapshot(declared.name, fields),
        },
        { policy: true },
      );
      continue;
    }
    const before: OperationFields = {
      effect: row.effect,
      description: row.description,
      inputSchema: row.inputSchema ?? null,
    };
    const changed = changedFields(before, fields);
    if (changed.length === 0) {
      changes.same();
      continue;
    }
    await tx.operation.update({ where: { id: row.id }, data });
    await changes.record(
      "updated",
      `${label}: ${changed.join(", ")}`,
      {
        action: "operation.updated",
        targetType: "operation",
        targetId: row.id,
        before: snapshot(row.name, before),
        after: snapshot(row.name, fields),
      },
      { policy: true },
    );
  }

  for (const row of byName.values()) {
    await tx.operation.delete({ where: { id: row.id } });
    await changes.record(
      "deleted",
      `operation ${tool.name}:${row.name}`,
      {
        action: "operation.deleted",
        targetType: "operation",
        targetId: row.id,
        before: snapshot(row.name, row),
      },
      { policy: true },
    );
  }
}
