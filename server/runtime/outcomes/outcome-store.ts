// Outcomes are run events. Decisions are append-only, so "reported once" is enforced here: the
// check and the insert run under a per-decision advisory lock in one transaction, so two
// concurrent reports of one decision cannot both be recorded.
import type pg from "pg";
import type { NewRunEvent } from "../../domain/runs/outcome-events";

export type DecisionOfAgent = { agentId: string; runId: string | null; outcome: string; tool: string };

export async function findDecision(
  pool: pg.Pool,
  orgId: string,
  decisionId: string,
): Promise<DecisionOfAgent | null> {
  const result = await pool.query<{ agent_id: string; run_id: string | null; outcome: string; tool: string }>(
    "SELECT agent_id, run_id, outcome::text AS outcome, tool FROM decisions WHERE id = $1 AND org_id = $2",
    [decisionId, orgId],
  );
  const row = result.rows[0];
  return row ? { agentId: row.agent_id, runId: row.run_id, outcome: row.outcome, tool: row.tool } : null;
}

export type RecordedOutcome =
  | { kind: "recorded"; events: { id: string; kind: string }[]; recordedAt: Date }
  | { kind: "already-reported"; reportedAt: Date };

const INSERT_EVENTS_SQL = `
INSERT INTO run_events (org_id, run_id, agent_id, decision_id, kind, status, summary, result_digest, external_url, data)
SELECT $1, $2, $3, $4, e.kind::"RunEventKind", e.status, e.summary, e.result_digest, e.external_url, e.data
  FROM jsonb_to_recordset($5::jsonb)
       AS e(n int, kind text, status text, summary text, result_digest text, external_url text, data jsonb)
 ORDER BY n
RETURNING id, kind::text AS kind, created_at`;

export async function recordOutcome(
  pool: pg.Pool,
  owner: { orgId: string; agentId: string; runId: string; decisionId: string },
  events: NewRunEvent[],
): Promise<RecordedOutcome> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('warden:outcome:' || $1, 0))", [
      owner.decisionId,
    ]);
    const prior = await client.query<{ created_at: Date }>(
      "SELECT created_at FROM run_events WHERE decision_id = $1 AND kind = 'OUTCOME' LIMIT 1",
      [owner.decisionId],
    );
    if (prior.rows[0]) {
      await client.query("ROLLBACK");
      return { kind: "already-reported", reportedAt: prior.rows[0].created_at };
    }
    const rows = events.map((e, n) => ({
      n,
      kind: e.kind,
      status: e.status,
      summary: e.summary,
      result_digest: e.resultDigest,
      external_url: e.externalUrl,
      data: e.data,
    }));
    const inserted = await client.query<{ id: string; kind: string; created_at: Date }>(INSERT_EVENTS_SQL, [
      owner.orgId,
      owner.runId,
      owner.agentId,
      owner.decisionId,
      JSON.stringify(rows),
    ]);
    await client.query("COMMIT");
    return {
      kind: "recorded",
      events: inserted.rows.map((r) => ({ id: r.id, kind: r.kind })),
      recordedAt: inserted.rows[0]?.created_at ?? new Date(),
    };
  } catch (error) {
    failed = true;
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-transaction is not trusted back into the pool.
    client.release(failed);
  }
}
