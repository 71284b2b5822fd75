import { db } from "../../../db";
import { verifyOrgIntegrity } from "../../../domain/audit/verify-org-integrity";
import { authorize } from "../../../domain/auth/permissions";
import { orgProcedure } from "../../trpc";

/**
 * "Verify integrity" in the console: the same checks as `warden audit verify` for the member's
 * org. A mutation only in the sense that it is run on demand (it changes nothing): a query would
 * be re-run by the client on every focus.
 */
export const verifyIntegrityProcedure = orgProcedure.mutation(async ({ ctx }) => {
  authorize(ctx.member, "audit:read");
  const report = await verifyOrgIntegrity(db, ctx.member.orgId);
  return {
    ok: report.ok,
    checkedAt: new Date(),
    chains: report.chains.map((c) => ({
      chainKey: c.chainKey,
      records: c.records,
      firstBreak: c.firstBreak
        ? { ...c.firstBreak, seq: c.firstBreak.seq === null ? null : c.firstBreak.seq.toString() }
        : null,
    })),
    checkpoint: report.checkpoint,
  };
});
