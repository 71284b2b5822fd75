// Redaction rules are org-wide: any tools writer may add one or make it stricter; removing or
// weakening one (more stored in clear for every agent) takes tools:loosen (ADMIN, SECURITY).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createTestOrg, rand, type TestOrg } from "@/test/factories";
import { auditOf, failureOf, policyVersion } from "../scopes-test-helpers";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

async function toolWithRule(mode: "REDACT" | "FINGERPRINT" = "REDACT") {
  const tool = await db.tool.create({ data: { orgId: org.id, name: `pay-${rand(3)}` } });
  const rule = await callerAs(org.admin, org.id).redaction.save({
    toolId: tool.id,
    part: "PARAMS",
    mode,
    paths: ["$.card.number", "$.token"],
  });
  return { tool, rule };
}

const ruleOf = (id: string) =>
  db.redactionRule.findUnique({ where: { id }, select: { part: true, mode: true, paths: true } });

describe("redaction rules and roles", () => {
  it("an OWNER cannot remove a rule; an ADMIN can, audited", async () => {
    const { rule } = await toolWithRule();
    const v0 = await policyVersion(org.id);
    const refused = await failureOf(callerAs(org.owner, org.id).redaction.delete({ id: rule.id }));
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message:
        "Only admins and security can remove a redaction rule: payloads stored afterwards keep those values in clear.",
    });
    expect(await ruleOf(rule.id)).not.toBeNull();
    expect(await policyVersion(org.id)).toBe(v0);

    await callerAs(org.admin, org.id).redaction.delete({ id: rule.id });
    expect(await ruleOf(rule.id)).toBeNull();
    expect(await policyVersion(org.id)).toBe(v0 + 1);
    expect((await auditOf(org.id, rule.id)).map((a) => [a.action, a.actorLabel])).toEqual([
      ["redaction_rule.created", org.admin.email],
      ["redaction_rule.deleted", org.admin.email],
    ]);
  });

  it("an OWNER may make a rule stricter but not weaker; SECURITY may weaken it", async () => {
    const { tool, rule } = await toolWithRule("FINGERPRINT");
    const owner = callerAs(org.owner, org.id);
    const base = { id: rule.id, toolId: tool.id, part: "PARAMS" as const };

    // Stricter: one more path, then fingerprint → redact.
    await owner.redaction.save({
      ...base,
      mode: "FINGERPRINT",
      paths: ["$.card.number", "$.token", "$.cvv"],
    });
    await owner.redaction.save({ ...base, mode: "REDACT", paths: ["$.card.number", "$.token", "$.cvv"] });
    expect(await ruleOf(rule.id)).toEqual({
      part: "PARAMS",
      mode: "REDACT",
      paths: ["$.card.number", "$.token", "$.cvv"],
    });

    for (const weaker of [
      { ...base, mode: "FINGERPRINT" as const, paths: ["$.card.number", "$.token", "$.cvv"] },
      { ...base, mode: "REDACT" as const, paths: ["$.card.number", "$.token"] },
      { ...base, mode: "REDACT" as const, paths: ["$.card.number", "$.token", "$['cvv']"] },
      {
        ...base,
        part: "RESULT" as const,
        mode: "REDACT" as const,
        paths: ["$.card.number", "$.token", "$.cvv"],
      },
    ]) {
      const refused = await failureOf(owner.redaction.save(weaker));
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.message).toMatch(/^Only admins and security can weaken a redaction rule/);
    }
    expect((await ruleOf(rule.id))?.paths).toEqual(["$.card.number", "$.token", "$.cvv"]);

    await callerAs(org.security, org.id).redaction.save({ ...base, mode: "FINGERPRINT", paths: ["$.token"] });
    expect(await ruleOf(rule.id)).toEqual({ part: "PARAMS", mode: "FINGERPRINT", paths: ["$.token"] });
    const audit = await auditOf(org.id, rule.id);
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["redaction_rule.created", org.admin.email],
      ["redaction_rule.updated", org.owner.email],
      ["redaction_rule.updated", org.owner.email],
      ["redaction_rule.updated", org.security.email],
    ]);
  });

  it("an OWNER may still add rules", async () => {
    const tool = await db.tool.create({ data: { orgId: org.id, name: `new-${rand(3)}` } });
    const saved = await callerAs(org.owner, org.id).redaction.save({
      toolId: tool.id,
      part: "RESULT",
      mode: "FINGERPRINT",
      paths: ["$.email"],
    });
    expect(await ruleOf(saved.id)).toEqual({ part: "RESULT", mode: "FINGERPRINT", paths: ["$.email"] });
  });
});
