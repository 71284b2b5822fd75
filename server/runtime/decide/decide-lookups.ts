import type pg from "pg";
import type { PresentedApproval } from "../../domain/decide/check-presented-approval";
import { AppError } from "../../domain/errors";

const RUN_CACHE_LIMIT = 50_000;

const storeUnavailable = (cause: unknown) =>
  new AppError("STORE_UNAVAILABLE", "The decision store could not be read.", { cause });

/**
 * Which agent a run belongs to. A decision may only name a run of its own agent (and the
 * decisions table references runs, so an unknown run must be refused before the commit).
 * Runs never change agent, so positive answers are cached.
 */
export class RunLookup {
  private readonly owners = new Map<string, string>();

  constructor(private readonly pool: pg.Pool) {}

  async assertRunOfAgent(orgId: string, agentId: string, runId: string): Promise<void> {
    let owner = this.owners.get(runId);
    if (!owner) {
      const result = await this.pool
        .query<{ agent_id: string }>("SELECT agent_id FROM runs WHERE id = $1 AND org_id = $2", [
          runId,
          orgId,
        ])
        .catch((error: unknown) => {
          throw storeUnavailable(error);
        });
      owner = result.rows[0]?.agent_id;
      if (owner) {
        if (this.owners.size >= RUN_CACHE_LIMIT) this.owners.clear();
        this.owners.set(runId, owner);
      }
    }
    if (owner !== agentId) {
      throw new AppError(
        "INVALID_REQUEST",
        `The run ${runId} does not exist for this agent. Start a run first.`,
        {
          issues: [{ path: "runId", message: "is not a run of this agent" }],
        },
      );
    }
  }
}

/** The approval a request presents, as stored (re-checked under a lock when it is used). */
export async function readPresentedApproval(
  pool: pg.Pool,
  orgId: string,
  approvalId: string,
): Promise<PresentedApproval | null> {
  const result = await pool
    .query<{
      id: string;
      agent_id: string;
      action_hash: string;
      status: PresentedApproval["status"];
      expires_at: Date;
      consumed_at: Date | null;
    }>(
      "SELECT id, agent_id, action_hash, status::text AS status, expires_at, consumed_at FROM approvals WHERE id = $1 AND org_id = $2",
      [approvalId, orgId],
    )
    .catch((error: unknown) => {
      throw storeUnavailable(error);
    });
  const row = result.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    agentId: row.agent_id,
    actionHash: row.action_hash,
    status: row.status,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
  };
}
