import { z } from "zod";
import { db } from "../../../db";
import type { Prisma } from "../../../generated/prisma/client";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { notFound } from "../../../domain/errors";
import { orgProcedure } from "../../trpc";

export const listAuditEventsInput = z.object({
  targetType: z.string().trim().min(1).max(50).optional(),
  targetId: idSchema.optional(),
  agentId: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: idSchema.nullish(),
});

/**
 * The org's audit trail, newest first, a page at a time. `agentId` finds the agent's own events
 * and those of its grants, quotas and credentials, which record `agentId` in before/after.
 */
export const listAuditEventsProcedure = orgProcedure
  .input(listAuditEventsInput)
  .query(async ({ ctx, input }) => {
    authorize(ctx.member, "audit:read");
    const orgId = ctx.member.orgId;
    const where: Prisma.AuditEventWhereInput = {
      orgId,
      targetType: input.targetType,
      targetId: input.targetId,
    };
    if (input.agentId) {
      const agent = await db.agent.findFirst({ where: { id: input.agentId, orgId }, select: { id: true } });
      if (!agent) throw notFound("This agent");
      where.AND = {
        OR: [
          { targetType: "agent", targetId: agent.id },
          { after: { path: ["agentId"], equals: agent.id } },
          { before: { path: ["agentId"], equals: agent.id } },
        ],
      };
    }
    if (input.cursor) {
      // Cursors are ids of this org's events; any other id is refused rather than paged from.
      const cursorRow = await db.auditEvent.findFirst({
        where: { id: input.cursor, orgId },
        select: { id: true },
      });
      if (!cursorRow) throw notFound("This page of the audit trail");
    }
    const rows = await db.auditEvent.findMany({
      where,
      // Events of one chain can share a millisecond; their sequence number keeps them in order.
      orderBy: [{ createdAt: "desc" }, { seq: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      select: {
        id: true,
        action: true,
        actorLabel: true,
        actorType: true,
        targetType: true,
        targetId: true,
        before: true,
        after: true,
        createdAt: true,
      },
    });
    const items = rows.slice(0, input.limit);
    return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
  });
