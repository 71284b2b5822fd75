import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import type { ApprovalRule, JsonObject } from "./approval-rule";
import { GRANT_ROW_SELECT, grantRowToFields } from "./grant-record";
import { operationMatches } from "./patterns";

export type EffectClass = "READ" | "WRITE" | "DELETE" | "SPEND" | "ADMIN";

export type GrantListItem = {
  id: string;
  operationPattern: string;
  resourcePatterns: string[];
  paramsSchema: JsonObject | null;
  approval: ApprovalRule;
  approvers: number;
  approvalTtlSeconds: number;
  expiresAt: Date | null;
  createdAt: Date;
  expired: boolean;
  /** Catalog operations the pattern allows; empty means it allows nothing known (the UI warns). */
  matchedOperations: { tool: string; operation: string; effect: EffectClass }[];
};

const MAX_GRANTS = 200;
const MAX_MATCHES_PER_GRANT = 200;

/** An agent's grants, oldest first, each with the catalog operations it matches. */
export async function listGrants(
  member: MemberContext,
  agentId: string,
  now = new Date(),
): Promise<GrantListItem[]> {
  authorize(member, "org:read");
  const agent = await db.agent.findFirst({
    where: { id: agentId, orgId: member.orgId },
    select: { id: true },
  });
  if (!agent) throw notFound("The agent");
  const [rows, operations] = await Promise.all([
    db.grant.findMany({
      where: { agentId: agent.id, orgId: member.orgId },
      select: { ...GRANT_ROW_SELECT, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_GRANTS,
    }),
    db.operation.findMany({
      where: { orgId: member.orgId },
      select: { name: true, effect: true, tool: { select: { name: true } } },
      orderBy: [{ tool: { name: "asc" } }, { name: "asc" }],
    }),
  ]);
  return rows.map((row) => {
    const fields = grantRowToFields(row);
    const matchedOperations = operations
      .filter((op) => operationMatches(row.operationPattern, op.tool.name, op.name))
      .slice(0, MAX_MATCHES_PER_GRANT)
      .map((op) => ({ tool: op.tool.name, operation: op.name, effect: op.effect }));
    return {
      id: row.id,
      ...fields,
      createdAt: row.createdAt,
      expired: row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime(),
      matchedOperations,
    };
  });
}
