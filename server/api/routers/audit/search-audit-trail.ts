import { z } from "zod";
import { db } from "../../../db";
import { auditSearchFilters } from "../../../domain/audit/audit-search-filters";
import { searchAuditTrail } from "../../../domain/audit/search-audit-trail";
import { authorize } from "../../../domain/auth/permissions";
import { orgProcedure } from "../../trpc";

export const searchAuditTrailProcedure = orgProcedure
  .input(
    auditSearchFilters.and(
      z.object({
        limit: z.number().int().min(1).max(100).default(50),
        cursor: z.string().max(300).nullish(),
      }),
    ),
  )
  .query(async ({ ctx, input }) => {
    authorize(ctx.member, "audit:read");
    const { limit, cursor, ...filters } = input;
    const page = await searchAuditTrail(db, ctx.member.orgId, filters, { limit, cursor });
    // bigint does not travel well to the browser: sequence numbers as strings.
    return { ...page, items: page.items.map((row) => ({ ...row, seq: row.seq.toString() })) };
  });
