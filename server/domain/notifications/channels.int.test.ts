// Notification channels through the console's procedures: URL rules, secrets kept out of
// listings and the audit trail, and who may manage them.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { failureOf } from "@/server/api/routers/scopes-test-helpers";
import { callerAs, createTestOrg, type TestOrg } from "@/test/factories";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

describe("notification channels (console)", () => {
  it("accepts only http(s) URLs, keeps secrets out of listings, and is for admins and security", async () => {
    const admin = callerAs(org.admin, org.id);
    for (const url of ["ftp://example.com/x", "javascript:alert(1)", "not a url", "file:///etc/passwd"]) {
      const failure = await failureOf(
        admin.notifications.create({
          kind: "WEBHOOK",
          name: "x",
          url,
          events: ["approval.requested"],
          environmentId: null,
        }),
      );
      expect(failure.code).toBe("BAD_REQUEST");
    }
    const noEvents = await failureOf(
      admin.notifications.create({
        kind: "SLACK",
        name: "x",
        url: "https://hooks.slack.test/a",
        events: [],
        environmentId: null,
      }),
    );
    expect(noEvents.code).toBe("BAD_REQUEST");

    const { id, signingSecret } = await admin.notifications.create({
      kind: "WEBHOOK",
      name: "SIEM",
      url: "https://siem.example.test/hooks/warden/very-secret-token",
      events: ["approval.decided"],
      environmentId: org.env.prod,
    });
    const listed = await callerAs(org.security, org.id).notifications.list();
    const mine = listed.find((c) => c.id === id)!;
    expect(mine).toMatchObject({
      url: "https://siem.example.test/hooks/warde…",
      signed: true,
      environment: { name: "prod" },
    });
    expect(JSON.stringify(listed)).not.toContain(signingSecret!);
    expect(JSON.stringify(listed)).not.toContain("very-secret-token");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: id } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain("very-secret-token");

    await callerAs(org.security, org.id).notifications.update({ id, enabled: false });
    await callerAs(org.security, org.id).notifications.sendTest({ id });
    expect(await db.notificationDelivery.count({ where: { channelId: id, event: "test" } })).toBe(1);

    for (const role of ["owner", "auditor"] as const) {
      const c = callerAs(org[role], org.id);
      expect((await failureOf(c.notifications.list())).code).toBe("FORBIDDEN");
      expect((await failureOf(c.notifications.sendTest({ id }))).code).toBe("FORBIDDEN");
      expect((await failureOf(c.notifications.delete({ id }))).code).toBe("FORBIDDEN");
      expect(
        (
          await failureOf(
            c.notifications.create({
              kind: "SLACK",
              name: "x",
              url: "https://h.test/x",
              events: ["approval.requested"],
              environmentId: null,
            }),
          )
        ).code,
      ).toBe("FORBIDDEN");
    }
    const other = await createTestOrg();
    expect((await failureOf(callerAs(other.admin, other.id).notifications.delete({ id }))).code).toBe(
      "NOT_FOUND",
    );
    await admin.notifications.delete({ id });
  });
});
