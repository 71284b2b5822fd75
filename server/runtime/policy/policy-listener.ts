import pg from "pg";
import { POLICY_CHANNEL } from "../../domain/policy/bump-policy-version";

export type PolicyChange = { orgId: string; version: number };

/**
 * A dedicated connection that LISTENs for policy changes (`<orgId>:<version>` on
 * `warden_policy`) and reconnects with backoff when it drops. Notifications sent while it is
 * down are lost; the cache's version check covers that gap, and `onReconnect` lets it check at once.
 */
export class PolicyListener {
  private client: pg.Client | null = null;
  private closed = false;
  private backoffMs = 100;
  private retryTimer: NodeJS.Timeout | null = null;
  connected = false;

  constructor(
    private readonly connectionString: string,
    private readonly handlers: { onChange: (change: PolicyChange) => void; onReconnect: () => void },
  ) {}

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
      if (message.channel !== POLICY_CHANNEL || !message.payload) return;
      const separator = message.payload.lastIndexOf(":");
      const version = Number(message.payload.slice(separator + 1));
      if (separator > 0 && Number.isInteger(version)) {
        this.handlers.onChange({ orgId: message.payload.slice(0, separator), version });
      }
    });
    client.on("error", () => this.dropped(client));
    client.on("end", () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${POLICY_CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.connected = true;
      this.backoffMs = 100;
      this.handlers.onReconnect();
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
    this.backoffMs = Math.min(this.backoffMs * 2, 5_000);
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
