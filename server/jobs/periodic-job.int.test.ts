import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startPeriodicJob } from "./periodic-job";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
afterAll(async () => {
  await pool.end();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

describe("startPeriodicJob", () => {
  it("runs a pass at start, then one per interval, never two at once", async () => {
    let passes = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const job = startPeriodicJob({
      name: "test-periodic",
      intervalMs: 10,
      async pass() {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        passes++;
        await sleep(15);
        inFlight--;
      },
    });
    expect(passes).toBe(1);
    await waitFor(() => passes >= 3);
    await job.stop();
    const afterStop = passes;
    await sleep(50);
    expect(passes).toBe(afterStop);
    expect(maxInFlight).toBe(1);
  });

  it("waits one interval before the first pass when told to", async () => {
    let passes = 0;
    const job = startPeriodicJob({
      name: "test-delayed",
      intervalMs: 40,
      firstPassAfterInterval: true,
      pass() {
        passes++;
        return Promise.resolve();
      },
    });
    await sleep(10);
    expect(passes).toBe(0);
    await waitFor(() => passes >= 1);
    await job.stop();
  });

  it("logs a failed pass and runs the next one; stop() waits for the pass under way", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let passes = 0;
    let finished = false;
    let seenStopped = false;
    const job = startPeriodicJob({
      name: "test-failing",
      intervalMs: 5,
      passNoun: "round",
      async pass({ stopped }) {
        passes++;
        if (passes === 1) throw new Error("boom");
        if (passes === 2) {
          await sleep(30);
          seenStopped = stopped();
          finished = true;
        }
      },
    });
    await waitFor(() => passes >= 2);
    await job.stop();
    expect(finished).toBe(true);
    expect(seenStopped).toBe(true);
    expect(logged).toHaveBeenCalledWith(
      "[test-failing] round failed; retrying on the next tick:",
      expect.objectContaining({ message: "boom" }),
    );
    logged.mockRestore();
  });

  it("with a lock, runs the pass on one instance only and releases the lock afterwards", async () => {
    const key = `warden:test:${randomUUID()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstPasses = 0;
    let secondPasses = 0;
    const first = startPeriodicJob({
      name: "test-lock-a",
      intervalMs: 60_000,
      lock: { pool, key },
      async pass() {
        firstPasses++;
        await held;
      },
    });
    await waitFor(() => firstPasses === 1);
    // While the first holds the lock, another instance's pass is skipped without error.
    const second = startPeriodicJob({
      name: "test-lock-b",
      intervalMs: 60_000,
      lock: { pool, key },
      pass() {
        secondPasses++;
        return Promise.resolve();
      },
    });
    await second.stop();
    expect(secondPasses).toBe(0);
    release();
    await first.stop();
    // Unlocked again: a third instance gets it.
    let thirdPasses = 0;
    const third = startPeriodicJob({
      name: "test-lock-c",
      intervalMs: 60_000,
      lock: { pool, key },
      pass() {
        thirdPasses++;
        return Promise.resolve();
      },
    });
    await third.stop();
    expect(thirdPasses).toBe(1);
  });
});
