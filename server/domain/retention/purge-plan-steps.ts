// Retention of plan envelopes: the params of a plan's steps are a stored tool payload like a
// decision's (kept redacted, see server/domain/plans/stored-plan-steps.ts), so past the org's
// retention period they are cleared in the three places they are kept: the plan, its approval's
// action and what each voter was shown. Only plans that can no longer be used are touched (past
// their expiry; a plan lives at most a day and a retention period at least one): the policy
// loader honours a plan only while its steps hash to what was approved, so a purged step — params
// null, digest kept — could never stand in for an approval again. Plans are not hash-chained, so
// nothing else needs to stay verifiable.
import type { Tx } from "../../db";

export type PlanPurgeCounts = { plans: number; planApprovals: number; planVotes: number };

export async function purgePlanStepParams(
  tx: Tx,
  input: { orgId: string; cutoff: Date; now: Date; limit: number },
): Promise<PlanPurgeCounts> {
  const { orgId, cutoff, now, limit } = input;
  const plans = await tx.$executeRaw`
    UPDATE plans p SET steps = (
        SELECT jsonb_agg(CASE WHEN s ? 'params' THEN jsonb_set(s, '{params}', 'null'::jsonb) ELSE s END ORDER BY i)
          FROM jsonb_array_elements(p.steps) WITH ORDINALITY AS e(s, i))
     WHERE id IN (SELECT id FROM plans
                   WHERE org_id = ${orgId} AND created_at < ${cutoff} AND expires_at <= ${now}
                     AND jsonb_typeof(steps) = 'array'
                     AND EXISTS (SELECT 1 FROM jsonb_array_elements(steps) s
                                  WHERE s ? 'params' AND s->'params' <> 'null'::jsonb)
                   LIMIT ${limit})`;
  const planApprovals = await tx.$executeRaw`
    UPDATE approvals a SET action = jsonb_set(a.action, '{plan,steps}', (
        SELECT jsonb_agg(CASE WHEN s ? 'params' THEN jsonb_set(s, '{params}', 'null'::jsonb) ELSE s END ORDER BY i)
          FROM jsonb_array_elements(a.action->'plan'->'steps') WITH ORDINALITY AS e(s, i)))
     WHERE id IN (SELECT x.id FROM approvals x JOIN plans p ON p.id = x.plan_id
                   WHERE x.org_id = ${orgId} AND x.created_at < ${cutoff} AND p.expires_at <= ${now}
                     AND jsonb_typeof(x.action->'plan'->'steps') = 'array'
                     AND EXISTS (SELECT 1 FROM jsonb_array_elements(x.action->'plan'->'steps') s
                                  WHERE s ? 'params' AND s->'params' <> 'null'::jsonb)
                   LIMIT ${limit})`;
  const planVotes = await tx.$executeRaw`
    UPDATE approval_votes v SET shown = jsonb_set(v.shown, '{action,steps}', (
        SELECT jsonb_agg(CASE WHEN s ? 'params' THEN jsonb_set(s, '{params}', 'null'::jsonb) ELSE s END ORDER BY i)
          FROM jsonb_array_elements(v.shown->'action'->'steps') WITH ORDINALITY AS e(s, i)))
     WHERE id IN (SELECT x.id FROM approval_votes x
                   WHERE x.org_id = ${orgId} AND x.created_at < ${cutoff}
                     AND jsonb_typeof(x.shown->'action'->'steps') = 'array'
                     AND EXISTS (SELECT 1 FROM jsonb_array_elements(x.shown->'action'->'steps') s
                                  WHERE s ? 'params' AND s->'params' <> 'null'::jsonb)
                   LIMIT ${limit})`;
  return { plans, planApprovals, planVotes };
}
