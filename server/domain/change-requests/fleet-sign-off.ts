import type { Tx } from "../../db";
import type { Actor } from "../audit/write-audit-event";
import { agentIsInProduction } from "./agent-is-in-production";
import type { ScopeChange } from "./change-request-payload";
import { requestScopeChange } from "./request-scope-change";

/**
 * The sign-off gate of one `warden apply`: widenings of production agents become change requests
 * (one per change, never duplicated by a second apply) and the rest of the file applies.
 *
 * Bootstrap: an apply that CREATES the org (the demo seed, a first `warden apply` into an empty
 * database) applies directly — there is no security staff yet to sign anything off, and nothing
 * in the org existed to be widened. applyFleet simply passes no gate then.
 */
export class FleetSignOff {
  /** One line per change awaiting sign-off, for the command line to print. */
  readonly lines: string[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly orgId: string,
    private readonly actor: Actor,
  ) {}

  /**
   * If this change widens a production agent's scope, record (or find) its change request and
   * answer true: the caller must then leave the current state as it is.
   */
  async defer(agent: { id: string; name: string }, change: ScopeChange, reasons: readonly string[]) {
    if (reasons.length === 0) return false;
    if (!(await agentIsInProduction(this.tx, agent.id))) return false;
    const request = await requestScopeChange(this.tx, {
      orgId: this.orgId,
      agent,
      change,
      reasons,
      requester: { actor: this.actor, memberId: null },
    });
    this.lines.push(
      `? ${request.summary} — ${request.created ? "sent to security for sign-off" : "still awaiting sign-off"} (${request.id})`,
    );
    return true;
  }
}
