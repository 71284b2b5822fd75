import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import type { JsonObject } from "../grants/approval-rule";
import { MAX_OPERATIONS_PER_TOOL, type EffectClass } from "./catalog-rules";

export type ToolListItem = {
  id: string;
  name: string;
  description: string;
  source: "MANUAL" | "MCP" | "FLEET";
  operations: {
    id: string;
    name: string;
    description: string;
    effect: EffectClass;
    inputSchema: JsonObject | null;
  }[];
};

const MAX_TOOLS = 200;

/** The org's tool catalog, tools and operations by name. */
export async function listTools(member: MemberContext): Promise<ToolListItem[]> {
  authorize(member, "org:read");
  const tools = await db.tool.findMany({
    where: { orgId: member.orgId },
    orderBy: { name: "asc" },
    take: MAX_TOOLS,
    select: {
      id: true,
      name: true,
      description: true,
      source: true,
      operations: {
        orderBy: { name: "asc" },
        take: MAX_OPERATIONS_PER_TOOL,
        select: { id: true, name: true, description: true, effect: true, inputSchema: true },
      },
    },
  });
  return tools.map((tool) => ({
    ...tool,
    operations: tool.operations.map((op) => ({
      ...op,
      inputSchema: (op.inputSchema ?? null) as JsonObject | null,
    })),
  }));
}
