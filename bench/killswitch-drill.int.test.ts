// The kill switch's promise, measured: two runtime instances (child processes of
// server/runtime/main.ts) on the test database, both under load, and a switch engaged through the
// domain. Every allow arrives within a second of the COMMIT, and every answer after it is a deny.
import { expect, it } from "vitest";
import { printDrillReport, runKillSwitchDrill } from "./killswitch-drill";

it("a kill switch reaches two loaded instances within a second", { timeout: 120_000 }, async () => {
  const result = await runKillSwitchDrill({
    databaseUrl: process.env.DATABASE_URL!,
    scope: "AGENT",
    clientsPerInstance: 4,
    warmupMs: 1000,
    afterMs: 1500,
  });
  printDrillReport(result);
  expect(result.instances).toHaveLength(2);
  for (const instance of result.instances) {
    expect(instance.answersAfterCommit).toBeGreaterThan(0);
    expect(instance.nonDenialsAfterLastAllow).toBe(0);
    expect(instance.denyCodes).toEqual(["AGENT_PAUSED"]);
  }
  expect(result.propagationMs).toBeLessThan(1000);
  expect(result.ok).toBe(true);
});
