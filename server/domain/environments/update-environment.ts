import type { Tx } from "../../db";
import { parseField } from "../agents/agent-fields";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { environmentAuditSnapshot, isProductionSchema } from "./environment-fields";

export type UpdateEnvironmentInput = { id: string; isProduction: boolean };

/**
 * Mark an environment as production or not. Taking the mark away while agents live there
 * loosens the rules for them (widening their grants no longer needs sign-off); admins may do
 * it, and the audit event says how many agents it touched.
 */
export async function updateEnvironment(
  tx: Tx,
  ctx: ChangeContext,
  input: UpdateEnvironmentInput,
): Promise<{ id: string; isProduction: boolean }> {
  authorizeIfMember(ctx, "environments:manage");
  const isProduction = parseField(isProductionSchema, input.isProduction, "isProduction");
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM environments WHERE id = ${input.id} AND org_id = ${ctx.orgId} FOR UPDATE`;
  if (locked.length === 0) throw notFound("This environment");
  const environment = await tx.environment.findUniqueOrThrow({
    where: { id: input.id },
    select: { id: true, name: true, isProduction: true, frozen: true },
  });
  // Nothing to change: no audit event, no policy reload.
  if (environment.isProduction === isProduction) return { id: environment.id, isProduction };

  const agentsInService = await tx.agent.count({
    where: { orgId: ctx.orgId, environmentId: environment.id, status: { not: "DECOMMISSIONED" } },
  });
  await tx.environment.update({ where: { id: environment.id }, data: { isProduction } });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "environment.updated",
    targetType: "environment",
    targetId: environment.id,
    before: environmentAuditSnapshot(environment),
    after: {
      ...environmentAuditSnapshot({ ...environment, isProduction }),
      agentsInService,
      loosened: environment.isProduction && !isProduction,
    },
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return { id: environment.id, isProduction };
}
