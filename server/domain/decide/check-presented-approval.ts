// An approval presented with a decide request is a single-use permission for exactly the action
// people saw: the same agent and the same action hash, approved, unexpired and not yet used.
// The decision API checks it twice: before evaluating (from a plain read) and again inside the
// commit, with the approval row locked, so that two requests can never both use one approval.

export type ApprovalStatus = "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "CANCELLED" | "CONSUMED";

export type PresentedApproval = {
  id: string;
  agentId: string;
  actionHash: string;
  status: ApprovalStatus;
  expiresAt: Date;
  consumedAt: Date | null;
};

export type ApprovalCheck =
  | { valid: true }
  | {
      valid: false;
      code:
        | "APPROVAL_ACTION_MISMATCH"
        | "APPROVAL_PENDING"
        | "APPROVAL_DENIED"
        | "APPROVAL_EXPIRED"
        | "APPROVAL_CONSUMED";
    };

/**
 * `approval` is the stored row the request named, or null when none exists in the agent's org
 * (reported as a mismatch, so that ids of other orgs' approvals reveal nothing).
 */
export function checkPresentedApproval(
  approval: PresentedApproval | null,
  expected: { agentId: string; actionHash: string; now: Date },
): ApprovalCheck {
  if (!approval || approval.agentId !== expected.agentId || approval.actionHash !== expected.actionHash) {
    return { valid: false, code: "APPROVAL_ACTION_MISMATCH" };
  }
  if (approval.status === "CONSUMED" || approval.consumedAt)
    return { valid: false, code: "APPROVAL_CONSUMED" };
  if (approval.status === "DENIED" || approval.status === "CANCELLED")
    return { valid: false, code: "APPROVAL_DENIED" };
  const expired = approval.expiresAt.getTime() <= expected.now.getTime();
  if (approval.status === "EXPIRED" || expired) return { valid: false, code: "APPROVAL_EXPIRED" };
  if (approval.status === "PENDING") return { valid: false, code: "APPROVAL_PENDING" };
  return { valid: true };
}
