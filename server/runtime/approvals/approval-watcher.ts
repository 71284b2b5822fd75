import pg from "pg";
import { APPROVAL_CHANNEL } from "../../domain/approvals/notify-approval-changed";

export type ApprovalSubscription = {
  /** Resolves when the approval may have changed (a NOTIFY for it, a reconnect, or shutdown). */
  changed: Promise<void>;
  cancel(): void;
};

const RECONNECT_AFTER_MS = 1_000;

/**
 * Wakes long-polling readers of `GET /api/approvals/{id}?wait=N` when an approval changes. One
 * connection per process LISTENs on `warden_approval` (payload: the approval id), opened on the
 * first wait, so that a runtime nobody long-polls holds no extra connection. When the connection
 * is down, nothing breaks: readers re-check on a timer, and every reader is woken on reconnect
 * because notifications sent meanwhile were lost.
 */
export class ApprovalWatcher {
  private client: pg.Client | null = null;
  private connecting: Promise<boolean> | null = null;
  private lastAttemptAt = -Infinity;
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(private readonly connectionString: string | null) {}

  get isListening(): boolean {
    return this.client !== null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Make sure LISTEN is in place; false when it cannot be (readers then rely on re-checks). */
  async listening(): Promise<boolean> {
    if (this.client) return true;
    if (this.closed || !this.connectionString) return false;
    if (!this.connecting && performance.now() - this.lastAttemptAt < RECONNECT_AFTER_MS) return false;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /**
   * Start waiting for a change of this approval. Subscribe before reading the approval's state,
   * so that a change committed between the read and the wait still wakes the reader.
   */
  subscribe(approvalId: string): ApprovalSubscription {
    let wake!: () => void;
    const changed = new Promise<void>((resolve) => {
      wake = resolve;
    });
    if (this.closed) {
      wake();
      return { changed, cancel: () => undefined };
    }
    let set = this.waiters.get(approvalId);
    if (!set) {
      set = new Set();
      this.waiters.set(approvalId, set);
    }
    set.add(wake);
    const cancel = () => {
      const current = this.waiters.get(approvalId);
      if (!current) return;
      current.delete(wake);
      if (current.size === 0) this.waiters.delete(approvalId);
    };
    return { changed, cancel };
  }

  /** Stop listening and release every reader (they answer with the state they read last). */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<boolean> {
    this.lastAttemptAt = performance.now();
    const client = new pg.Client({
      connectionString: this.connectionString!,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on("notification", (message) => {
      if (message.channel !== APPROVAL_CHANNEL || !message.payload) return;
      const set = this.waiters.get(message.payload);
      if (!set) return;
      this.waiters.delete(message.payload);
      for (const wake of set) wake();
    });
    client.on("error", () => this.dropped(client));
    client.on("end", () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPROVAL_CHANNEL}`);
    } catch {
      this.dropped(client);
      return false;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return false;
    }
    this.client = client;
    // Anything sent while no connection listened was lost: let every reader look again.
    this.wakeAll();
    return true;
  }

  private dropped(client: pg.Client): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners("notification");
    client.removeAllListeners("end");
    client.removeAllListeners("error");
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
  }

  private wakeAll(): void {
    const all = [...this.waiters.values()];
    this.waiters.clear();
    for (const set of all) for (const wake of set) wake();
  }
}
