import { db } from "../../db";
import { authorize, can, type MemberContext } from "../auth/permissions";
import { parseStoredChange, type ScopeChange } from "./change-request-payload";
import { mayWithdraw } from "./withdraw-change-request";

export type ChangeRequestView = {
  id: string;
  agent: { id: string; name: string; environment: string };
  change: ScopeChange;
  summary: string;
  status: "PENDING" | "APPROVED" | "REJECTED" | "CANCELLED";
  requestedBy: string;
  decidedBy: string | null;
  comment: string;
  createdAt: Date;
  decidedAt: Date | null;
  /** Whether this member may approve or reject it (security staff, not the requester). */
  canDecide: boolean;
  /** Whether this member may withdraw it (the requester or an admin, while pending). */
  canWithdraw: boolean;
};

export const CHANGE_REQUEST_PAGE = 100;

/** Change requests of the org, newest first: pending ones, or decided ones (history). */
export async function listChangeRequests(
  member: MemberContext,
  input: { state: "pending" | "decided"; agentId?: string; kinds?: readonly string[] },
): Promise<ChangeRequestView[]> {
  authorize(member, "org:read");
  const rows = await db.changeRequest.findMany({
    where: {
      orgId: member.orgId,
      status: input.state === "pending" ? "PENDING" : { not: "PENDING" },
      ...(input.agentId ? { agentId: input.agentId } : {}),
      ...(input.kinds ? { kind: { in: [...input.kinds] } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CHANGE_REQUEST_PAGE,
    include: { agent: { select: { id: true, name: true, environment: { select: { name: true } } } } },
  });
  const deciderIds = [...new Set(rows.flatMap((row) => (row.decidedById ? [row.decidedById] : [])))];
  const deciders = deciderIds.length
    ? await db.member.findMany({
        where: { id: { in: deciderIds }, orgId: member.orgId },
        select: { id: true, user: { select: { email: true } } },
      })
    : [];
  const emailOf = new Map(deciders.map((d) => [d.id, d.user.email]));
  const mayDecide = can(member, "approvals:decide");

  return rows.flatMap((row) => {
    let change: ScopeChange;
    try {
      change = parseStoredChange(row);
    } catch {
      return []; // An unreadable row cannot be shown or applied; it stays in the audit trail.
    }
    return [
      {
        id: row.id,
        agent: { id: row.agent.id, name: row.agent.name, environment: row.agent.environment.name },
        change,
        summary: row.summary,
        status: row.status,
        requestedBy: row.requestedByLabel,
        decidedBy: row.decidedById ? (emailOf.get(row.decidedById) ?? "a former member") : null,
        comment: row.comment,
        createdAt: row.createdAt,
        decidedAt: row.decidedAt,
        canDecide: mayDecide && row.status === "PENDING" && row.requestedById !== member.id,
        canWithdraw: row.status === "PENDING" && mayWithdraw(member, row),
      },
    ];
  });
}
