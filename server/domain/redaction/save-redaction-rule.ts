import { db } from "../../db";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { authorizeLoosening } from "../tools/catalog-loosening";
import { LOOSENING_REFUSED } from "../tools/loosening-refusals";
import { ensurePayloadKey } from "./ensure-payload-key";
import type { RedactionRuleFields } from "./redaction-rule-input";
import { weakensRedactionRule } from "./redaction-rule-strictness";

export type SavedRedactionRule = RedactionRuleFields & { id: string; toolId: string };

const ruleRecord = (rule: SavedRedactionRule, tool: string) => ({
  tool,
  toolId: rule.toolId,
  part: rule.part,
  mode: rule.mode,
  paths: rule.paths,
});

/**
 * Add a redaction rule to a tool (`id` absent) or change one. The rules are part of the policy
 * snapshot (the decision path redacts with them), so the policy version is bumped with the change
 * and every instance stores payloads under the new rules within a second. Weakening a rule (see
 * weakensRedactionRule) lets secrets be stored in clear for every agent, so it takes tools:loosen.
 */
export async function saveRedactionRule(
  member: MemberContext,
  input: RedactionRuleFields & { toolId: string; id?: string },
): Promise<SavedRedactionRule> {
  authorize(member, "tools:write");
  return db.$transaction(async (tx) => {
    const tool = await tx.tool.findFirst({
      where: { id: input.toolId, orgId: member.orgId },
      select: { id: true, name: true },
    });
    if (!tool) throw notFound("The tool");
    const fields = { part: input.part, mode: input.mode, paths: input.paths };
    let before: SavedRedactionRule | null = null;
    let saved: SavedRedactionRule;
    if (input.id) {
      // Locked so that the rule compared below is still the one being replaced.
      await tx.$queryRaw`SELECT id FROM redaction_rules WHERE id = ${input.id} AND org_id = ${member.orgId} FOR UPDATE`;
      const existing = await tx.redactionRule.findFirst({
        where: { id: input.id, orgId: member.orgId, toolId: tool.id },
        select: { id: true, toolId: true, part: true, mode: true, paths: true },
      });
      if (!existing) throw notFound("The redaction rule");
      if (weakensRedactionRule(existing, fields))
        authorizeLoosening(member, LOOSENING_REFUSED.weakenRedactionRule);
      before = existing;
      saved = await tx.redactionRule.update({
        where: { id: existing.id },
        data: fields,
        select: { id: true, toolId: true, part: true, mode: true, paths: true },
      });
    } else {
      saved = await tx.redactionRule.create({
        data: { ...fields, orgId: member.orgId, toolId: tool.id },
        select: { id: true, toolId: true, part: true, mode: true, paths: true },
      });
    }
    await ensurePayloadKey(tx, member.orgId);
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: before ? "redaction_rule.updated" : "redaction_rule.created",
      targetType: "redaction_rule",
      targetId: saved.id,
      before: before ? ruleRecord(before, tool.name) : undefined,
      after: ruleRecord(saved, tool.name),
    });
    await bumpPolicyVersion(tx, member.orgId);
    return saved;
  });
}
