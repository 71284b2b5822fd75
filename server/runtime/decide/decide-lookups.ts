import type pg from "pg";
import type { PresentedApproval } from "../../domain/decide/check-presented-approval";
import { AppError } from "../../domain/errors";

const RUN_CACHE_LIMIT = 50_000;
/**
 * How long a run known to be running is trusted without asking again. A run ended through another
 * instance is refused here within this time (an end through this instance, at once: see
 * `markEnded`), the same promise the policy cache makes for a revocation.
 */
const RUNNING_TTL_MS = 1_000;

const storeUnavailable = (cause: unknown) =>
  new AppError("STORE_UNAVAILABLE", "The decision store could not be read.", { cause });

type RunState = {
  agentId: string;
  /** When the run has ended (it never runs again): its final status in words, or "" if unknown; else null. */
  ended: string | null;
  /** performance.now() of the read. */
  readAt: number;
};

/**
 * Which agent a run belongs to, and whether it has ended. A decision may only name a running run
 * of its own agent (and the decisions table references runs, so an unknown run must be refused
 * before the commit). Runs never change agent and an ended run never resumes, so those answers
 * are cached for good; that a run is still running is re-read after RUNNING_TTL_MS. Concurrent
 * requests for one run share one read.
 */
export class RunLookup {
  private readonly runs = new Map<string, RunState>();
  private readonly reading = new Map<string, Promise<RunState | null>>();

  constructor(private readonly pool: pg.Pool) {}

  async assertRunOfAgent(orgId: string, agentId: string, runId: string): Promise<void> {
    let run = this.runs.get(runId);
    if (!run || (run.ended === null && performance.now() - run.readAt > RUNNING_TTL_MS)) {
      run = (await this.read(orgId, runId)) ?? undefined;
    }
    if (!run || run.agentId !== agentId) {
      throw new AppError(
        "INVALID_REQUEST",
        `The run ${runId} does not exist for this agent. Start a run first.`,
        {
          issues: [{ path: "runId", message: "is not a run of this agent" }],
        },
      );
    }
    if (run.ended !== null) {
      throw new AppError(
        "RUN_ENDED",
        `The run ${runId} has already ended${run.ended ? ` (${run.ended})` : ""}, so it cannot take further actions. Start a new run.`,
        { issues: [{ path: "runId", message: "has ended" }] },
      );
    }
  }

  /** A run this instance has just ended: refused from now on without waiting for the re-read. */
  markEnded(runId: string): void {
    const run = this.runs.get(runId);
    if (run && run.ended === null) this.runs.set(runId, { ...run, ended: "" });
  }

  private read(orgId: string, runId: string): Promise<RunState | null> {
    const key = `${orgId}\u0000${runId}`;
    let reading = this.reading.get(key);
    if (!reading) {
      reading = this.pool
        .query<{ agent_id: string; status: string; ended_at: Date | null }>(
          "SELECT agent_id, status::text AS status, ended_at FROM runs WHERE id = $1 AND org_id = $2",
          [runId, orgId],
        )
        .then(
          (result) => {
            const row = result.rows[0];
            if (!row) return null;
            const run: RunState = {
              agentId: row.agent_id,
              ended: row.status !== "RUNNING" || row.ended_at ? row.status.toLowerCase() : null,
              readAt: performance.now(),
            };
            if (this.runs.size >= RUN_CACHE_LIMIT) this.runs.clear();
            this.runs.set(runId, run);
            return run;
          },
          (error: unknown) => {
            throw storeUnavailable(error);
          },
        )
        .finally(() => this.reading.delete(key));
      this.reading.set(key, reading);
    }
    return reading;
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
