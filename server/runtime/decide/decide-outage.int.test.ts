// A real store outage: the runtime reaches Postgres through a TCP proxy that the test cuts (every
// connection dropped, new ones refused) and restores in the middle of a steady load. The contract:
// only denies or 503s while the store is gone, every allow ever answered has its committed
// decision row, and allows come back once the store does.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type RunningRuntime,
} from "../__tests__/runtime-harness";

class CuttableProxy {
  private readonly sockets = new Set<net.Socket>();
  private cut = false;
  private readonly server: net.Server;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      if (this.cut) return void client.destroy();
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** The network to the database is gone: open connections die, new ones are refused. */
  sever(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  close(): Promise<void> {
    this.sever();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let proxy: CuttableProxy;
let runtime: RunningRuntime;

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
  await proxy.listen();
  url.port = String(proxy.port);
  url.hostname = "127.0.0.1";
  runtime = await startRuntime({ connectionString: url.toString() });
});
afterAll(async () => {
  await runtime.close();
  await proxy.close();
});

type Observation = { at: number; status: number; decision?: string; decisionId?: string; code?: string };

describe("store outage", () => {
  it("answers only deny or 503 while Postgres is unreachable, and recovers after", async () => {
    const org = await createDecideOrg();
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const observations: Observation[] = [];
    let running = true;
    const started = performance.now();
    const worker = async () => {
      while (running) {
        try {
          const answer = await decide(runtime.url, agent.secret, mergeRequest());
          observations.push({
            at: performance.now() - started,
            status: answer.status,
            decision: answer.body.decision,
            decisionId: answer.body.decisionId,
            code: answer.body.reason?.code ?? answer.body.error?.code,
          });
        } catch {
          observations.push({ at: performance.now() - started, status: 0 });
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);

    // Cut the store once it has answered a good number of allows (bounded: a busy machine is slower).
    const warmDeadline = performance.now() + 10_000;
    while (
      performance.now() < warmDeadline &&
      observations.filter((o) => o.decision === "allow").length <= 10
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const cutAt = performance.now() - started;
    proxy.sever();
    await new Promise((r) => setTimeout(r, 1500));
    const restoredAt = performance.now() - started;
    proxy.restore();
    // Wait until allows are back (bounded), then a little longer.
    const deadline = performance.now() + 10_000;
    while (
      performance.now() < deadline &&
      !observations.some((o) => o.at > restoredAt && o.decision === "allow")
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    running = false;
    await Promise.all(workers);

    const before = observations.filter((o) => o.at < cutAt);
    const during = observations.filter((o) => o.at > cutAt + 50 && o.at < restoredAt);
    const after = observations.filter((o) => o.at > restoredAt);
    expect(before.filter((o) => o.decision === "allow").length).toBeGreaterThan(10);
    expect(during.length).toBeGreaterThan(0);
    for (const o of during) {
      expect(o.decision === "allow").toBe(false);
      expect(o.status === 503 || o.decision === "deny").toBe(true);
    }
    expect(during.some((o) => o.status === 503 && o.code === "STORE_UNAVAILABLE")).toBe(true);
    expect(after.some((o) => o.decision === "allow")).toBe(true);

    // Zero allows without a committed decision row.
    const allowIds = observations.filter((o) => o.decision === "allow").map((o) => o.decisionId!);
    const stored = await db.decision.count({ where: { id: { in: allowIds }, outcome: "ALLOW" } });
    expect(stored).toBe(allowIds.length);
    expect(observations.every((o) => o.status === 200 || o.status === 503)).toBe(true);
  }, 30_000);
});
