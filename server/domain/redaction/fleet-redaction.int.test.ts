// Redaction rules in the fleet file: applied (audited), exported, round-tripped without changes,
// replaced when the file says otherwise, left alone when the tool does not declare them.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { applyFleet } from "../fleet/apply-fleet";
import { exportFleet } from "../fleet/export-fleet";
import { rand } from "@/test/factories";

const actor = { type: "CLI", id: null, label: "cli:test" } as const;

const fleet = (slug: string, redaction: string) => `org: ${slug}
members:
  - { email: admin-${slug}@test.warden, name: Admin, roles: [ADMIN] }
tools:
  - name: stripe
    operations:
      - { name: refunds.create, effect: SPEND }
${redaction}`;

describe("redaction rules in the fleet file", () => {
  it("applies, exports and round-trips them", async () => {
    const slug = `org-${rand()}`;
    const first = await applyFleet(
      db,
      fleet(
        slug,
        `    redaction:
      - { part: params, mode: redact, paths: ["$.card.number", "$.headers.*"] }
      - { part: result, mode: fingerprint, paths: ["$..token"] }`,
      ),
      actor,
    );
    expect(first.changes).toContain("+ redaction rule of stripe: redact params $.card.number, $.headers.*");
    const org = await db.organization.findUniqueOrThrow({ where: { slug } });
    expect(await db.redactionRule.count({ where: { orgId: org.id } })).toBe(2);
    expect(await db.orgKey.count({ where: { orgId: org.id, purpose: "payload-hmac" } })).toBe(1);

    const exported = await exportFleet(db, slug);
    expect(exported).toContain("redaction:");
    expect(exported).toContain("$..token");
    const again = await applyFleet(db, exported, actor);
    expect(again.created + again.updated + again.deleted).toBe(0);

    // A tool without the key keeps its rules; an empty list removes them.
    const kept = await applyFleet(db, fleet(slug, ""), actor);
    expect(kept.deleted).toBe(0);
    const removed = await applyFleet(db, fleet(slug, "    redaction: []"), actor);
    expect(removed.deleted).toBe(2);
    expect(await db.redactionRule.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("refuses a path it cannot read, naming where", async () => {
    const error = await applyFleet(
      db,
      fleet(
        `org-${rand()}`,
        `    redaction:\n      - { part: params, mode: redact, paths: ["card.number"] }`,
      ),
      actor,
    ).then(
      () => null,
      (e: unknown) => e as { issues?: { path: string; message: string }[] },
    );
    expect(error?.issues?.[0]).toMatchObject({
      path: expect.stringContaining("tools[0].redaction[0].paths") as string,
    });
  });
});
