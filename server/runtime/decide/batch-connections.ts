import pg from "pg";
import { PREPARE_BATCH_STATEMENTS } from "./batch-sql";

// One connection per flush slot, opened with the pool's settings but outside the pool: it holds
// the batch statements prepared, and its planner settings suit them alone. Every batch statement
// looks up a handful of rows by key, so plans are generic (planned once, not per batch) and use
// keyed nested loops only: with the planner's guess of 100 rows for any jsonb_to_recordset it
// would otherwise pick hash joins over sequential scans of tables that grow with history.
const SESSION_SETTINGS = [
  "SET plan_cache_mode = force_generic_plan",
  "SET enable_hashjoin = off",
  "SET enable_mergejoin = off",
].join(";\n");

export class BatchConnections {
  private readonly clients = new Map<number, Promise<pg.Client>>();

  constructor(private readonly pool: pg.Pool) {}

  /** The slot's connection, opened and prepared on first use (or after a failure discarded it). */
  acquire(slot: number): Promise<pg.Client> {
    let client = this.clients.get(slot);
    if (!client) {
      client = this.open(slot);
      this.clients.set(slot, client);
      // A failed open is not kept: the next batch tries again.
      client.catch(() => {
        if (this.clients.get(slot) === client) this.clients.delete(slot);
      });
    }
    return client;
  }

  /** After any failure the connection's state is unknown (mid-transaction, or cut): close it. */
  discard(slot: number): void {
    const client = this.clients.get(slot);
    this.clients.delete(slot);
    void client?.then((c) => c.end()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.then((client) => client.end()).catch(() => undefined)));
  }

  private async open(slot: number): Promise<pg.Client> {
    const options = this.pool.options;
    const client = new pg.Client({
      ...options,
      // Not enumerable in the pool's options (kept out of stack traces), so copied by name.
      password: options.password,
    });
    // A connection cut while idle or mid-batch emits "error" (a failed query reports it too): the
    // next batch opens a new one instead of failing on this one.
    const drop = () => {
      const current = this.clients.get(slot);
      void current
        ?.then((open) => {
          if (open === client && this.clients.get(slot) === current) this.clients.delete(slot);
        })
        .catch(() => undefined);
    };
    client.on("error", drop);
    client.on("end", drop);
    try {
      await client.connect();
      await client.query(`${SESSION_SETTINGS};\n${PREPARE_BATCH_STATEMENTS}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }
}
