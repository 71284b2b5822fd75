import type { Tx } from "../../db";
import { fieldError, parseField } from "../agents/agent-fields";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { isUniqueViolation } from "../tools/is-unique-violation";
import { environmentAuditSnapshot, environmentNameSchema, isProductionSchema } from "./environment-fields";

export type CreateEnvironmentInput = { name: string; isProduction: boolean };

/** Add an environment to the org (e.g. `eu-prod`), production or not. */
export async function createEnvironment(
  tx: Tx,
  ctx: ChangeContext,
  input: CreateEnvironmentInput,
): Promise<{ id: string; name: string; isProduction: boolean }> {
  authorizeIfMember(ctx, "environments:manage");
  const name = parseField(environmentNameSchema, input.name, "name");
  const isProduction = parseField(isProductionSchema, input.isProduction, "isProduction");

  const taken = await tx.environment.findFirst({ where: { orgId: ctx.orgId, name }, select: { id: true } });
  if (taken) throw nameTaken(name);
  let environment;
  try {
    environment = await tx.environment.create({
      data: { orgId: ctx.orgId, name, isProduction },
      select: { id: true, name: true, isProduction: true, frozen: true },
    });
  } catch (error) {
    // Two admins adding one name at once: the unique index decides, the loser is told why.
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "environment.created",
    targetType: "environment",
    targetId: environment.id,
    after: environmentAuditSnapshot(environment),
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return { id: environment.id, name: environment.name, isProduction: environment.isProduction };
}

const nameTaken = (name: string) =>
  fieldError("ALREADY_EXISTS", "name", `An environment named ${name} already exists in this organization.`);
