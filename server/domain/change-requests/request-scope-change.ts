import type { Tx } from "../../db";
import { writeAuditEvent, type Actor } from "../audit/write-audit-event";
import { asJson, changeDedupeKey, type ScopeChange } from "./change-request-payload";
import { describeChange } from "./describe-change";

export type ScopeChangeRequester = {
  actor: Actor;
  /** The console member asking (null from the command line): they may not approve it themselves. */
  memberId: string | null;
};

export type RequestedChange = { id: string; summary: string; created: boolean };

/**
 * Record a widening of a production agent's scope as a change request instead of applying it.
 * Idempotent: while an identical request (same agent, change and before-state) is pending, it is
 * returned rather than duplicated, so a fleet file applied twice asks security once.
 */
export async function requestScopeChange(
  tx: Tx,
  input: {
    orgId: string;
    agent: { id: string; name: string };
    change: ScopeChange;
    reasons: readonly string[];
    requester: ScopeChangeRequester;
  },
): Promise<RequestedChange> {
  const { orgId, agent, change, requester } = input;
  const dedupeKey = changeDedupeKey(agent.id, change);
  // Serialises requests for one agent, so two identical saves at once still make one request.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`warden:change-request:${agent.id}`}))`;
  const existing = await tx.changeRequest.findFirst({
    where: { agentId: agent.id, dedupeKey, status: "PENDING" },
    select: { id: true, summary: true },
  });
  if (existing) return { ...existing, created: false };

  const summary = describeChange(agent.name, change, input.reasons);
  const request = await tx.changeRequest.create({
    data: {
      orgId,
      agentId: agent.id,
      kind: change.kind,
      payload: asJson(change.payload) as object,
      before: change.before === null ? undefined : (asJson(change.before) as object),
      summary,
      dedupeKey,
      requestedById: requester.memberId,
      requestedByLabel: requester.actor.label,
    },
    select: { id: true },
  });
  await writeAuditEvent(tx, {
    orgId,
    actor: requester.actor,
    action: "change_request.created",
    targetType: "change_request",
    targetId: request.id,
    before: change.before,
    after: { agentId: agent.id, kind: change.kind, payload: change.payload, reasons: input.reasons },
  });
  return { id: request.id, summary, created: true };
}
