// Retention: stored tool payloads older than the org's period are removed, the audit trail's
// structure is not. Decisions are append-only; the one change their trigger allows is this purge
// (params → NULL, params_digest ← the digest the chain hash already covers; see
// decision-record.ts and the 2026112201500 migration), so every chain still verifies afterwards.
// Approvals and run events are not chained: their payload fields are simply cleared. The params of
// plan steps (in the plan, its approval and its votes) are cleared once the plan has expired
// (purge-plan-steps.ts).
import { db } from "../../db";
import { sha256Hex } from "../audit/hash-chain";
import { SYSTEM_ACTOR, writeAuditEvent } from "../audit/write-audit-event";
import { canonicalJson } from "../canonical-json";
import { purgePlanStepParams } from "./purge-plan-steps";

export const PURGE_PAGE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PurgeResult = {
  decisions: number;
  /** Approvals of single actions and of plans. */
  approvals: number;
  votes: number;
  runEvents: number;
  plans: number;
};

const nothing = (): PurgeResult => ({ decisions: 0, approvals: 0, votes: 0, runEvents: 0, plans: 0 });

/** One page of the purge, in one transaction with its audit event; counts what it cleared. */
async function purgePage(
  orgId: string,
  cutoff: Date,
  now: Date,
  retentionDays: number,
): Promise<PurgeResult> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; params: unknown }[]>`
      SELECT id, params FROM decisions
       WHERE org_id = ${orgId} AND created_at < ${cutoff} AND params IS NOT NULL
       ORDER BY created_at, id LIMIT ${PURGE_PAGE}
         FOR UPDATE`;
    // The digest of the params as stored, computed exactly as the verifier computes it.
    const digests = rows.map((r) => ({ id: r.id, digest: sha256Hex(canonicalJson(r.params ?? null)) }));
    const decisions = digests.length
      ? await tx.$executeRaw`
          UPDATE decisions d SET params = NULL, params_digest = p.digest
            FROM jsonb_to_recordset(${JSON.stringify(digests)}::jsonb) AS p(id text, digest text)
           WHERE d.id = p.id AND d.org_id = ${orgId}`
      : 0;
    const approvals = await tx.$executeRaw`
      UPDATE approvals SET action = jsonb_set(action, '{params}', 'null'::jsonb)
       WHERE id IN (SELECT id FROM approvals
                     WHERE org_id = ${orgId} AND created_at < ${cutoff} AND status <> 'PENDING'
                       AND action ? 'params' AND action->'params' <> 'null'::jsonb
                     LIMIT ${PURGE_PAGE})`;
    const votes = await tx.$executeRaw`
      UPDATE approval_votes SET shown = jsonb_set(shown, '{action,params}', 'null'::jsonb)
       WHERE id IN (SELECT id FROM approval_votes
                     WHERE org_id = ${orgId} AND created_at < ${cutoff}
                       AND shown->'action' ? 'params' AND shown->'action'->'params' <> 'null'::jsonb
                     LIMIT ${PURGE_PAGE})`;
    const runEvents = await tx.$executeRaw`
      UPDATE run_events SET data = data - 'result'
       WHERE id IN (SELECT id FROM run_events
                     WHERE org_id = ${orgId} AND created_at < ${cutoff} AND data ? 'result'
                     LIMIT ${PURGE_PAGE})`;
    const plan = await purgePlanStepParams(tx, { orgId, cutoff, now, limit: PURGE_PAGE });
    const result: PurgeResult = {
      decisions,
      approvals: approvals + plan.planApprovals,
      votes: votes + plan.planVotes,
      runEvents,
      plans: plan.plans,
    };
    if (Object.values(result).some((n) => n > 0)) {
      await writeAuditEvent(tx, {
        orgId,
        actor: SYSTEM_ACTOR,
        action: "payloads.purged",
        targetType: "organization",
        targetId: orgId,
        after: { retentionDays, olderThan: cutoff.toISOString(), ...result },
      });
    }
    return result;
  });
}

/**
 * Purge one org's stored payloads older than its retention period, a page (one transaction, one
 * audit event) at a time, until none is left. Does nothing for an org that keeps payloads.
 */
export async function purgeExpiredPayloads(orgId: string, now = new Date()): Promise<PurgeResult> {
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { retentionDays: true } });
  const total = nothing();
  if (!org?.retentionDays) return total;
  const cutoff = new Date(now.getTime() - org.retentionDays * DAY_MS);
  for (;;) {
    const page = await purgePage(orgId, cutoff, now, org.retentionDays);
    total.decisions += page.decisions;
    total.approvals += page.approvals;
    total.votes += page.votes;
    total.runEvents += page.runEvents;
    total.plans += page.plans;
    // A page that hit the limit in any part may have left rows of that part behind.
    if (Math.max(page.decisions, page.approvals, page.votes, page.runEvents, page.plans) < PURGE_PAGE)
      return total;
  }
}
