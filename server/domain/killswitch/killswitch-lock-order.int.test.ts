// Kill switches and member changes racing the org's other changes: every one of them must take
// the org's locks in the same order, or Postgres aborts one of two with a deadlock (40P01) and a
// responder sees an error in the middle of an incident.
import { describe, expect, it } from "vitest";
import { createTestOrg, callerAs, createMember } from "@/test/factories";
import { createDecideOrg, seedAgent } from "@/server/runtime/__tests__/runtime-harness";

const ROUNDS = 20;
const TIMEOUT = 120_000;

/** Why each rejected call failed, so that a failure names the error (a deadlock, or anything else). */
async function failures(calls: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled
    .filter((s): s is PromiseRejectedResult => s.status === "rejected")
    .map((s) => (s.reason instanceof Error ? s.reason.message : String(s.reason)).trim().split("\n").at(-1)!);
}

describe("lock order", () => {
  it(
    "engage and release never deadlock with agent, grant and member changes of the same org",
    async () => {
      const org = await createDecideOrg();
      const target = await seedAgent(org);
      const others = await Promise.all([seedAgent(org), seedAgent(org), seedAgent(org)]);
      const member = await createMember(org.id, ["AUDITOR"], "rotating");
      const security = callerAs(org.security, org.id);
      const admin = callerAs(org.admin, org.id);

      /** Changes that each end with an audit event and (for policy) a version bump, all of which succeed. */
      const otherChanges = (round: number, phase: "engage" | "release") => [
        phase === "engage"
          ? admin.agents.pause({ id: others[0].id, reason: `round ${round} ${phase}` })
          : admin.agents.resume({ id: others[0].id, reason: `round ${round} ${phase}` }),
        admin.agents.update({ id: others[1].id, purpose: `Purpose of round ${round} ${phase}` }),
        // The switch's own target too: both lock its row before the audit chain head.
        admin.agents.update({ id: target.id, purpose: `Target of round ${round} ${phase}` }),
        admin.grants.create({
          agentId: others[2].id,
          operationPattern: `github:pulls.r${round}${phase}`,
          resourcePatterns: ["repo:acme/*"],
          approval: "never",
          approvers: 1,
        }),
        admin.members.updateRoles({
          memberId: member.id,
          roles: phase === "engage" ? ["AUDITOR", "SECURITY"] : ["AUDITOR"],
        }),
      ];

      const failed: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Every other round stops the whole org, whose switch writes the org row itself.
        const input =
          round % 2 === 0
            ? { scope: "AGENT" as const, targetId: target.id, reason: `lock order round ${round}` }
            : { scope: "ORG" as const, reason: `lock order round ${round}` };
        const engage = security.killSwitch.engage(input);
        failed.push(...(await failures([engage, ...otherChanges(round, "engage")])));
        const engaged = await engage.catch(() => null);
        const release = engaged
          ? security.killSwitch.release({ id: engaged.id, reason: `done with round ${round}` })
          : Promise.resolve();
        failed.push(...(await failures([release, ...otherChanges(round, "release")])));
      }
      expect(failed).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "member changes never deadlock with policy changes of the same org",
    async () => {
      const org = await createTestOrg();
      const others = await Promise.all([seedAgent(org), seedAgent(org)]);
      const members = await Promise.all([
        createMember(org.id, ["AUDITOR"], "first"),
        createMember(org.id, ["AUDITOR"], "second"),
      ]);
      const admin = callerAs(org.admin, org.id);
      const failed: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const roles = round % 2 === 0 ? (["AUDITOR", "SECURITY"] as const) : (["AUDITOR"] as const);
        failed.push(
          ...(await failures([
            ...members.map((m) => admin.members.updateRoles({ memberId: m.id, roles: [...roles] })),
            ...others.map((agent) =>
              admin.agents.update({ id: agent.id, purpose: `Purpose of member round ${round}` }),
            ),
          ])),
        );
      }
      expect(failed).toEqual([]);
    },
    TIMEOUT,
  );
});
