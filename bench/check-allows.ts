// The invariant the benchmark enforces: no client was told "allow" for a decision that is not
// committed. Every allow's decisionId seen by the load generator must be a committed ALLOW row;
// the table may hold a few more than were seen (answers still in flight when a case stopped).
import pg from "pg";

export type AllowCheck = {
  allowsAnswered: number;
  /** Answered allows whose decisionId is a committed ALLOW row. */
  allowsFound: number;
  allowRowsCommitted: number;
  decisionRows: number;
  /** Average decisions per group-commit batch (rows sharing chain and timestamp). */
  rowsPerBatch: number;
  ok: boolean;
};

const CHUNK = 20_000;

export async function checkAllows(databaseUrl: string, allowIds: readonly string[]): Promise<AllowCheck> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let allowsFound = 0;
    for (let i = 0; i < allowIds.length; i += CHUNK) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM decisions WHERE outcome = 'ALLOW' AND id = ANY($1::text[])",
        [allowIds.slice(i, i + CHUNK)],
      );
      allowsFound += Number(rows[0]!.n);
    }
    const { rows } = await client.query<{ allow: string; total: string; batches: string }>(
      `SELECT count(*) FILTER (WHERE outcome = 'ALLOW') AS allow, count(*) AS total,
              count(DISTINCT (chain_key, created_at)) AS batches FROM decisions`,
    );
    const totals = rows[0]!;
    const allowRowsCommitted = Number(totals.allow);
    const decisionRows = Number(totals.total);
    return {
      allowsAnswered: allowIds.length,
      allowsFound,
      allowRowsCommitted,
      decisionRows,
      rowsPerBatch: decisionRows / Math.max(1, Number(totals.batches)),
      ok: allowsFound === allowIds.length && allowIds.length <= allowRowsCommitted,
    };
  } finally {
    await client.end();
  }
}
