import type pg from "pg";
import type { ApprovalRow, ApprovalStatusName } from "../../domain/approvals/approval-view";

export type StoredApproval = ApprovalRow & { agentId: string };

/** An approval of the org with its count of approving votes; null when the org has none by that id. */
export async function findApproval(
  pool: pg.Pool,
  orgId: string,
  approvalId: string,
): Promise<StoredApproval | null> {
  const result = await pool.query<{
    id: string;
    agent_id: string;
    status: ApprovalStatusName;
    expires_at: Date;
    decided_at: Date | null;
    consumed_at: Date | null;
    required_approvers: number;
    approve_votes: number;
  }>(
    `SELECT a.id, a.agent_id, a.status::text AS status, a.expires_at, a.decided_at, a.consumed_at,
            a.required_approvers,
            (SELECT count(*)::int FROM approval_votes v WHERE v.approval_id = a.id AND v.vote = 'APPROVE') AS approve_votes
       FROM approvals a
      WHERE a.id = $1 AND a.org_id = $2`,
    [approvalId, orgId],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    agentId: row.agent_id,
    status: row.status,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    consumedAt: row.consumed_at,
    requiredApprovers: row.required_approvers,
    approveVotes: row.approve_votes,
  };
}
