import type { Tx } from "../../db";
import { fieldError } from "../agents/agent-fields";
import { KIND_LABELS, type LinkableKind } from "./incident-fields";

export type LinkedItem = {
  kind: LinkableKind;
  id: string;
  /** The agent and run it belongs to, linked along with it so the timeline shows them. */
  agentId: string | null;
  runId: string | null;
};

/** Find an item of the org that an incident may link to; an item of another org is not found. */
export async function resolveLinkedItem(
  tx: Tx,
  orgId: string,
  kind: LinkableKind,
  refId: string,
): Promise<LinkedItem> {
  const where = { id: refId, orgId };
  let found: { agentId: string | null; runId: string | null } | null = null;
  if (kind === "KILL_SWITCH") {
    const row = await tx.killSwitch.findFirst({ where, select: { scope: true, targetId: true } });
    if (row) found = { agentId: row.scope === "AGENT" ? row.targetId : null, runId: null };
  } else if (kind === "AGENT") {
    const row = await tx.agent.findFirst({ where, select: { id: true } });
    if (row) found = { agentId: null, runId: null };
  } else if (kind === "RUN") {
    const row = await tx.run.findFirst({ where, select: { agentId: true } });
    if (row) found = { agentId: row.agentId, runId: null };
  } else if (kind === "DECISION") {
    const row = await tx.decision.findFirst({ where, select: { agentId: true, runId: true } });
    if (row) found = row;
  } else {
    const row = await tx.approval.findFirst({ where, select: { agentId: true, runId: true } });
    if (row) found = row;
  }
  if (!found) throw fieldError("NOT_FOUND", "refId", `No ${KIND_LABELS[kind]} with this id was found.`);
  return { kind, id: refId, ...found };
}
