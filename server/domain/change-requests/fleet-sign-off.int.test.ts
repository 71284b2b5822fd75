// `warden apply`: the apply that creates an org applies everything (bootstrap, as the demo seed
// does); afterwards widenings of prod agents become change requests, once, and the rest applies.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createMember } from "@/test/factories";
import type { MemberContext } from "../auth/permissions";
import { applyFleet } from "../fleet/apply-fleet";
import { demoFleetFor } from "../fleet/fleet-test-files";
import { decideChangeRequest } from "./decide-change-request";

const actor = { type: "CLI", id: null, label: "cli:test" } as const;
const containing = (text: string) => expect.stringContaining(text) as string;

describe("fleet apply and sign-off", () => {
  it("bootstraps directly, then asks once per widening, and applies what security approved", async () => {
    const { slug, text } = demoFleetFor();
    const first = await applyFleet(db, text, actor);
    expect(first.pendingSignOff).toEqual([]);
    const orgId = first.orgId;
    const releaseBot = await db.agent.findFirstOrThrow({ where: { orgId, name: "release-bot" } });
    const grantsBefore = await db.grant.count({ where: { agentId: releaseBot.id } });

    const widened = text
      .replace("    environment: prod\n    autonomy: 2\n", "    environment: prod\n    autonomy: 3\n")
      .replace(
        '      - operation: "github:issues.comment"\n',
        '      - operation: "github:issues.*"\n        resources: ["repo:acme/*"]\n        approval: never\n      - operation: "github:issues.comment"\n',
      )
      // A dev agent's widening applies at once.
      .replace(/(name: ci-janitor[\s\S]*?autonomy: )\d/, "$13");
    expect(widened).not.toBe(text);

    const second = await applyFleet(db, widened, actor);
    expect(second.changes).toEqual([containing("~ agent ci-janitor: autonomy")]);
    expect(second.pendingSignOff).toEqual([
      containing("raise autonomy of release-bot: 2 → 3 — sent to security for sign-off (chg_"),
      containing("add grant github:issues.* on repo:acme/* to release-bot — sent to security for sign-off"),
    ]);
    expect(await db.grant.count({ where: { agentId: releaseBot.id } })).toBe(grantsBefore);

    // Applying the same file again creates no duplicate request and no audit event.
    const auditBefore = await db.auditEvent.count({ where: { orgId } });
    const third = await applyFleet(db, widened, actor);
    expect(third.changes).toEqual([]);
    expect(third.pendingSignOff).toEqual([
      containing("still awaiting sign-off"),
      containing("still awaiting sign-off"),
    ]);
    expect(await db.auditEvent.count({ where: { orgId } })).toBe(auditBefore);
    const pending = await db.changeRequest.findMany({ where: { orgId, status: "PENDING" } });
    expect(pending).toHaveLength(2);
    expect(pending.every((r) => r.requestedById === null && r.requestedByLabel === "cli:test")).toBe(true);

    // Security approves both; the file then matches the database exactly.
    const sec = await db.member.findFirstOrThrow({
      where: { orgId, user: { email: `security@${slug}.test` } },
      include: { user: true },
    });
    const member: MemberContext = {
      id: sec.id,
      orgId,
      userId: sec.userId,
      email: sec.user.email,
      roles: ["SECURITY"],
    };
    for (const request of pending) {
      await decideChangeRequest(member, { id: request.id, decision: "APPROVE", comment: "" });
    }
    expect((await db.agent.findUniqueOrThrow({ where: { id: releaseBot.id } })).autonomy).toBe(3);
    const fourth = await applyFleet(db, widened, actor);
    expect(fourth).toMatchObject({ created: 0, updated: 0, deleted: 0, changes: [], pendingSignOff: [] });
  });

  it("lets the CLI requester's request be approved by anyone in security", async () => {
    const { text } = demoFleetFor();
    const { orgId } = await applyFleet(db, text, actor);
    await applyFleet(
      db,
      text.replace(
        "{ metric: writes, window: day, limit: 20 }",
        "{ metric: writes, window: day, limit: 99 }",
      ),
      actor,
    );
    const [request] = await db.changeRequest.findMany({ where: { orgId, status: "PENDING" } });
    expect(request).toMatchObject({
      kind: "quota.set",
      payload: { metric: "writes", window: "day", limit: 99 },
    });
    const security = await createMember(orgId, ["SECURITY"]);
    await decideChangeRequest({ ...security, orgId }, { id: request!.id, decision: "APPROVE", comment: "" });
    const quota = await db.quota.findFirstOrThrow({
      where: { agent: { orgId, name: "release-bot" }, metric: "writes", window: "day" },
    });
    expect(Number(quota.limit)).toBe(99);
  });
});
