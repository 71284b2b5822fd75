import pg from "pg";

export type ChannelListenerHandlers = {
  /** A NOTIFY on the channel, with its payload. */
  onNotification: (payload: string) => void;
  /** LISTEN is in place again after a (re)connect: notifications sent meanwhile were lost. */
  onReconnect?: () => void;
};

/**
 * A dedicated connection that LISTENs on one Postgres channel and reconnects with exponential
 * backoff when it drops. Notifications sent while it is down are lost, so every user pairs it with
 * a periodic check and gets `onReconnect` to check at once.
 */
export class ChannelListener {
  private client: pg.Client | null = null;
  private closed = false;
  private backoffMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  connected = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly handlers: ChannelListenerHandlers,
    private readonly backoff: { initialMs: number; maxMs: number } = { initialMs: 100, maxMs: 5_000 },
  ) {
    this.backoffMs = backoff.initialMs;
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    this.client = client;
    client.on("notification", (message) => {
      if (message.channel === this.channel && message.payload) this.handlers.onNotification(message.payload);
    });
    client.on("error", () => this.dropped(client));
    client.on("end", () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.connected = true;
      this.backoffMs = this.backoff.initialMs;
      this.handlers.onReconnect?.();
    } catch {
      this.dropped(client);
    }
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.connected = false;
    client.removeAllListeners("notification");
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.retryTimer = setTimeout(() => void this.connect(), this.backoffMs);
    this.retryTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, this.backoff.maxMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) await client.end().catch(() => undefined);
  }
}
