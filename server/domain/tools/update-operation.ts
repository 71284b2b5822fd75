import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { canonicalJson } from "../canonical-json";
import { notFound } from "../errors";
import type { JsonObject } from "../grants/approval-rule";
import { compileJsonSchema } from "../json-schema/compile-json-schema";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { Prisma } from "../../generated/prisma/client";
import { authorizeLoosening } from "./catalog-loosening";
import { LOOSENING_REFUSED } from "./loosening-refusals";
import { loosensEffect, type EffectClass } from "./catalog-rules";
import { operationAuditSnapshot } from "./operation-record";

export type UpdateOperationInput = {
  id: string;
  effect?: EffectClass;
  description?: string;
  /** null clears the schema; undefined keeps it. */
  inputSchema?: JsonObject | null;
};

/**
 * Change an operation's effect class, description or input schema. Lowering the effect class
 * loosens the policy of every agent that may call it, so it takes tools:loosen.
 */
export async function updateOperation(
  member: MemberContext,
  input: UpdateOperationInput,
): Promise<{ id: string }> {
  authorize(member, "tools:write");
  if (input.inputSchema) compileJsonSchema(input.inputSchema, "inputSchema");
  return db.$transaction(async (tx) => {
    // Locked so that the effect compared below is still the one being replaced.
    await tx.$queryRaw`SELECT id FROM operations WHERE id = ${input.id} AND org_id = ${member.orgId} FOR UPDATE`;
    const op = await tx.operation.findFirst({
      where: { id: input.id, orgId: member.orgId },
      select: {
        id: true,
        name: true,
        effect: true,
        description: true,
        inputSchema: true,
        tool: { select: { id: true, name: true } },
      },
    });
    if (!op) throw notFound("The operation");
    if (input.effect && loosensEffect(op.effect, input.effect))
      authorizeLoosening(member, LOOSENING_REFUSED.lowerEffect);
    const before = operationAuditSnapshot(op.tool, op);
    const next = operationAuditSnapshot(op.tool, {
      name: op.name,
      effect: input.effect ?? op.effect,
      description: input.description ?? op.description,
      inputSchema: input.inputSchema === undefined ? op.inputSchema : input.inputSchema,
    });
    if (canonicalJson(before) === canonicalJson(next)) return { id: op.id };
    await tx.operation.update({
      where: { id: op.id },
      data: {
        effect: input.effect,
        description: input.description,
        inputSchema: input.inputSchema === undefined ? undefined : (input.inputSchema ?? Prisma.DbNull),
      },
    });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "operation.updated",
      targetType: "operation",
      targetId: op.id,
      before,
      after: next,
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id: op.id };
  });
}
