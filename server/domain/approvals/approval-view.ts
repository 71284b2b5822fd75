// What an agent may see of its own approval: the state, the expiry and how many people agreed.
// Who voted, and what they wrote, is for the console, not for the runtime.

export type ApprovalStatusName = "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "CANCELLED" | "CONSUMED";

export type ApprovalRow = {
  id: string;
  status: ApprovalStatusName;
  expiresAt: Date;
  decidedAt: Date | null;
  consumedAt: Date | null;
  requiredApprovers: number;
  approveVotes: number;
};

export type ApprovalView = {
  id: string;
  status: ApprovalStatusName;
  expiresAt: string;
  decidedAt: string | null;
  requiredApprovers: number;
  approvals: number;
};

/**
 * The state as the decision API would treat it now. Nothing sweeps expired rows, so a pending
 * (or approved but unused) approval past its expiry reports EXPIRED, as /api/decide would refuse
 * it with APPROVAL_EXPIRED; a runtime waiting on it stops waiting.
 */
export function effectiveApprovalStatus(row: ApprovalRow, now: Date): ApprovalStatusName {
  if (row.consumedAt) return "CONSUMED";
  const expired = row.expiresAt.getTime() <= now.getTime();
  if (expired && (row.status === "PENDING" || row.status === "APPROVED")) return "EXPIRED";
  return row.status;
}

export function approvalView(row: ApprovalRow, now: Date): ApprovalView {
  return {
    id: row.id,
    status: effectiveApprovalStatus(row, now),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    requiredApprovers: row.requiredApprovers,
    approvals: row.approveVotes,
  };
}
