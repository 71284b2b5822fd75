// The plans table, through pg like the rest of the runtime API.
import type pg from "pg";
import { notifyApprovalChangedOnClient } from "../../domain/approvals/notify-approval-changed";
import type { ApprovalStatusName } from "../../domain/approvals/approval-view";
import { AppError } from "../../domain/errors";
import { APPROVAL_QUEUE_LOCK_KEY } from "../decide/batch-sql";
import { planWindowKey } from "../../domain/plans/plan-envelope";
import type { PlanApproval } from "../../domain/plans/plan-approval";
import type { NewPlan, PlanBudget, PlanStep } from "../../domain/plans/plan-request";
import type { PlanRow, PlanStatusName } from "../../domain/plans/plan-view";

/** The answer a plan submission gave: what a retry with its idempotency key answers again. */
export type SubmittedPlan = { planId: string; expiresAt: Date; approvalId: string; approvalExpiresAt: Date };

/** A plan an earlier submission with the same idempotency key created, and that submission's hash. */
export type IdempotentPlan = SubmittedPlan & { requestHash: string | null };

export type CreatedPlan =
  ({ kind: "created" } & SubmittedPlan) | { kind: "queue-full" } | ({ kind: "existing" } & IdempotentPlan);

export type PlanIdempotency = { key: string; requestHash: string };

type Queryable = Pick<pg.PoolClient, "query">;

/** The agent's plan created with this idempotency key, with its (first and only) approval. */
export async function findIdempotentPlan(
  db: Queryable,
  agentId: string,
  key: string,
): Promise<IdempotentPlan | null> {
  const result = await db.query<{
    id: string;
    expires_at: Date;
    request_hash: string | null;
    approval_id: string;
    approval_expires_at: Date;
  }>(
    `SELECT p.id, p.expires_at, p.request_hash, a.id AS approval_id, a.expires_at AS approval_expires_at
       FROM plans p
       JOIN LATERAL (SELECT id, expires_at FROM approvals x WHERE x.plan_id = p.id
                      ORDER BY x.created_at, x.id LIMIT 1) a ON true
      WHERE p.agent_id = $1 AND p.idempotency_key = $2`,
    [agentId, key],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    planId: row.id,
    expiresAt: row.expires_at,
    requestHash: row.request_hash,
    approvalId: row.approval_id,
    approvalExpiresAt: row.approval_expires_at,
  };
}

/**
 * Create the plan (PENDING) and its approval in one transaction. The agent's approval queue is
 * locked with the same advisory lock the decision batches take (server/runtime/decide/batch-sql.ts),
 * so a plan and concurrent decisions cannot together pass the pending-approval cap.
 */
export async function insertPlanWithApproval(
  pool: pg.Pool,
  input: {
    orgId: string;
    agentId: string;
    maxPendingApprovals: number;
    plan: NewPlan;
    planExpiresAt: Date;
    approval: PlanApproval;
    idempotency: PlanIdempotency | null;
  },
): Promise<CreatedPlan> {
  const { orgId, agentId, plan, approval } = input;
  const client = await pool.connect();
  let done = false;
  try {
    await client.query("BEGIN");
    let onBehalfOf: string | null = null;
    if (plan.runId) {
      const run = await client.query<{ on_behalf_of: string | null }>(
        "SELECT on_behalf_of FROM runs WHERE id = $1 AND org_id = $2 AND agent_id = $3",
        [plan.runId, orgId, agentId],
      );
      if (run.rowCount === 0) {
        throw new AppError(
          "INVALID_REQUEST",
          `The run ${plan.runId} does not exist for this agent. Start a run first.`,
          {
            issues: [{ path: "runId", message: "is not a run of this agent" }],
          },
        );
      }
      // The person the run acts for may not approve the plan, as for a per-action approval.
      onBehalfOf = run.rows[0]!.on_behalf_of;
    }
    // The lock decision batches take before counting the agent's open approvals.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      APPROVAL_QUEUE_LOCK_KEY + agentId,
    ]);
    // Every plan of the agent is inserted under the lock above, so this look-up and the insert
    // below cannot race with another submission of the same key (the unique index backs it up).
    if (input.idempotency) {
      const existing = await findIdempotentPlan(client, agentId, input.idempotency.key);
      if (existing) {
        await client.query("ROLLBACK");
        done = true;
        return { kind: "existing", ...existing };
      }
    }
    const open = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM approvals WHERE agent_id = $1 AND status = 'PENDING' AND expires_at > now()",
      [agentId],
    );
    if ((open.rows[0]?.n ?? 0) >= input.maxPendingApprovals) {
      await client.query("ROLLBACK");
      done = true;
      return { kind: "queue-full" };
    }
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO plans (org_id, agent_id, run_id, steps, budget, summary, status, expires_at,
                          idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, 'PENDING', $7, $8, $9) RETURNING id`,
      [
        orgId,
        agentId,
        plan.runId,
        JSON.stringify(plan.steps),
        JSON.stringify(plan.budget),
        plan.summary,
        input.planExpiresAt,
        input.idempotency?.key ?? null,
        input.idempotency?.requestHash ?? null,
      ],
    );
    const planId = inserted.rows[0]!.id;
    const created = await client.query<{ id: string; expires_at: Date }>(
      `INSERT INTO approvals (org_id, agent_id, run_id, plan_id, action_hash, action, effect, rule_reason,
                              on_behalf_of, status, required_approvers, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::"EffectClass", $8, $9, 'PENDING', $10, $11)
       RETURNING id, expires_at`,
      [
        orgId,
        agentId,
        plan.runId,
        planId,
        approval.actionHash,
        JSON.stringify(approval.action),
        approval.effect,
        approval.ruleReason,
        onBehalfOf,
        approval.requiredApprovers,
        approval.expiresAt,
      ],
    );
    const approvalRow = created.rows[0]!;
    // Delivered only if the transaction commits (see notify-approval-changed.ts).
    await notifyApprovalChangedOnClient(client, approvalRow.id);
    await client.query("COMMIT");
    done = true;
    return {
      kind: "created",
      planId,
      expiresAt: input.planExpiresAt,
      approvalId: approvalRow.id,
      approvalExpiresAt: approvalRow.expires_at,
    };
  } finally {
    if (!done) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

type DbPlanRow = {
  id: string;
  agent_id: string;
  run_id: string | null;
  steps: PlanStep[];
  budget: PlanBudget;
  summary: string | null;
  status: PlanStatusName;
  expires_at: Date;
  created_at: Date;
  used: Record<string, string>;
  approval_id: string | null;
  approval_status: ApprovalStatusName | null;
  approval_expires_at: Date | null;
  decided_at: Date | null;
  consumed_at: Date | null;
  required_approvers: number | null;
  approve_votes: number;
};

/** A plan of the org with its latest approval and budget use; null when the org has none by that id. */
export async function findPlan(
  pool: pg.Pool,
  orgId: string,
  planId: string,
): Promise<(PlanRow & { agentId: string }) | null> {
  const result = await pool.query<DbPlanRow>(
    `SELECT p.id, p.agent_id, p.run_id, p.steps, p.budget, p.summary, p.status::text AS status, p.expires_at,
            p.created_at,
            (SELECT coalesce(json_object_agg(q.metric, q.used::text), '{}') FROM quota_usages q
              WHERE q.agent_id = p.agent_id AND q."window" = 'run' AND q.window_key = $3) AS used,
            a.id AS approval_id, a.status::text AS approval_status, a.expires_at AS approval_expires_at,
            a.decided_at, a.consumed_at, a.required_approvers,
            (SELECT count(*)::int FROM approval_votes v WHERE v.approval_id = a.id AND v.vote = 'APPROVE') AS approve_votes
       FROM plans p
       LEFT JOIN LATERAL (SELECT * FROM approvals x WHERE x.plan_id = p.id ORDER BY x.created_at DESC LIMIT 1) a ON true
      WHERE p.id = $1 AND p.org_id = $2`,
    [planId, orgId, planWindowKey(planId)],
  );
  const row = result.rows[0];
  if (!row) return null;
  const used: PlanBudget = {};
  for (const [metric, amount] of Object.entries(row.used)) {
    if (metric === "calls" || metric === "spendCents" || metric === "tokens") used[metric] = Number(amount);
  }
  return {
    id: row.id,
    agentId: row.agent_id,
    runId: row.run_id,
    steps: row.steps,
    budget: row.budget,
    summary: row.summary,
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    used,
    approval:
      row.approval_id && row.approval_status && row.approval_expires_at
        ? {
            id: row.approval_id,
            status: row.approval_status,
            expiresAt: row.approval_expires_at,
            decidedAt: row.decided_at,
            consumedAt: row.consumed_at,
            requiredApprovers: row.required_approvers ?? 1,
            approveVotes: row.approve_votes,
          }
        : null,
  };
}
