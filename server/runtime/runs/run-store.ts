// The runs table, through pg like the rest of the runtime API.
import type pg from "pg";
import type { NewRun } from "../../domain/runs/start-run-request";
import type { RunStatusName } from "../../domain/runs/end-run-request";

export type RunRow = {
  id: string;
  agentId: string;
  status: RunStatusName;
  startedAt: Date;
  endedAt: Date | null;
};

type DbRunRow = {
  id: string;
  agent_id: string;
  status: RunStatusName;
  started_at: Date;
  ended_at: Date | null;
};

const toRunRow = (row: DbRunRow): RunRow => ({
  id: row.id,
  agentId: row.agent_id,
  status: row.status,
  startedAt: row.started_at,
  endedAt: row.ended_at,
});

const RETURNING = "RETURNING id, agent_id, status::text AS status, started_at, ended_at";

export async function insertRun(
  pool: pg.Pool,
  owner: { orgId: string; agentId: string },
  run: NewRun,
): Promise<RunRow> {
  const result = await pool.query<DbRunRow>(
    `INSERT INTO runs (org_id, agent_id, trigger, on_behalf_of, model_provider, model_name, system_prompt_hash,
                       tool_schema_version)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8) ${RETURNING}`,
    [
      owner.orgId,
      owner.agentId,
      run.trigger ? JSON.stringify(run.trigger) : null,
      run.onBehalfOf,
      run.modelProvider,
      run.modelName,
      run.systemPromptHash,
      run.toolSchemaVersion,
    ],
  );
  return toRunRow(result.rows[0]!);
}

/**
 * End a running run of this agent, in one statement: of two concurrent ends exactly one finds
 * it RUNNING. null when nothing was ended (unknown, another agent's, or already ended).
 */
export async function endRunningRun(
  pool: pg.Pool,
  owner: { orgId: string; agentId: string },
  runId: string,
  end: { status: Exclude<RunStatusName, "RUNNING">; summary: string | null },
): Promise<RunRow | null> {
  const result = await pool.query<DbRunRow>(
    `UPDATE runs SET status = $4::"RunStatus", summary = $5, ended_at = now()
      WHERE id = $1 AND org_id = $2 AND agent_id = $3 AND status = 'RUNNING' ${RETURNING}`,
    [runId, owner.orgId, owner.agentId, end.status, end.summary],
  );
  const row = result.rows[0];
  return row ? toRunRow(row) : null;
}

export async function findRun(pool: pg.Pool, orgId: string, runId: string): Promise<RunRow | null> {
  const result = await pool.query<DbRunRow>(
    "SELECT id, agent_id, status::text AS status, started_at, ended_at FROM runs WHERE id = $1 AND org_id = $2",
    [runId, orgId],
  );
  const row = result.rows[0];
  return row ? toRunRow(row) : null;
}
