// Cancelling a plan, through pg like the rest of the runtime API.
import type pg from "pg";
import { notifyApprovalChangedOnClient } from "../../domain/approvals/notify-approval-changed";
import { bumpPolicyVersionOnClient } from "../../domain/policy/bump-policy-version";
import type { PlanStatusName } from "../../domain/plans/plan-view";

export type CancelledPlan =
  | { kind: "not-found" }
  | { kind: "cancelled"; previous: "PENDING" | "APPROVED" }
  /** Nothing changed: already cancelled (idempotent), or in a final state that cannot be cancelled. */
  | { kind: "unchanged"; status: PlanStatusName };

/**
 * Cancel one of the agent's plans in one transaction: the plan becomes CANCELLED, its pending
 * approval too (waking long-pollers), and, if the plan was approved, the org's policy version is
 * bumped so every instance drops the plan from its snapshot and /api/decide stops answering
 * PLAN_APPROVED for it. The row lock orders this against a concurrent decision on the approval.
 */
export async function cancelPlan(
  pool: pg.Pool,
  owner: { orgId: string; agentId: string },
  planId: string,
): Promise<CancelledPlan> {
  const client = await pool.connect();
  let done = false;
  try {
    await client.query("BEGIN");
    const found = await client.query<{ status: PlanStatusName }>(
      "SELECT status::text AS status FROM plans WHERE id = $1 AND org_id = $2 AND agent_id = $3 FOR UPDATE",
      [planId, owner.orgId, owner.agentId],
    );
    const status = found.rows[0]?.status;
    if (status !== "PENDING" && status !== "APPROVED") {
      await client.query("ROLLBACK");
      done = true;
      return status ? { kind: "unchanged", status } : { kind: "not-found" };
    }
    await client.query("UPDATE plans SET status = 'CANCELLED' WHERE id = $1", [planId]);
    const approvals = await client.query<{ id: string }>(
      `UPDATE approvals SET status = 'CANCELLED', decided_at = now(), version = version + 1
        WHERE plan_id = $1 AND status = 'PENDING' RETURNING id`,
      [planId],
    );
    // Delivered only if the transaction commits (see notify-approval-changed.ts).
    for (const approval of approvals.rows) await notifyApprovalChangedOnClient(client, approval.id);
    // An approved plan is in every instance's policy snapshot: they must reload.
    if (status === "APPROVED") await bumpPolicyVersionOnClient(client, owner.orgId);
    await client.query("COMMIT");
    done = true;
    return { kind: "cancelled", previous: status };
  } finally {
    if (!done) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}
