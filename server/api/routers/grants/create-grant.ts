import { idSchema } from "../../../domain/agents/agent-fields";
import { createGrant } from "../../../domain/grants/create-grant";
import { DEFAULT_APPROVAL_TTL_SECONDS } from "../../../domain/grants/validate-grant-fields";
import { authorizeAgentScopeChanges } from "../../../domain/grants/load-changeable-agent";
import { orgProcedure } from "../../trpc";
import { grantFieldsInput } from "./grant-input";

export const createGrantInput = grantFieldsInput.extend({ agentId: idSchema });

/** Add a grant to an agent (its owner, an admin or security staff). */
export const createGrantProcedure = orgProcedure.input(createGrantInput).mutation(async ({ ctx, input }) => {
  authorizeAgentScopeChanges(ctx.member);
  return createGrant(ctx.member, {
    agentId: input.agentId,
    operationPattern: input.operationPattern,
    resourcePatterns: input.resourcePatterns,
    paramsSchema: input.paramsSchema ?? null,
    approval: input.approval,
    approvers: input.approvers,
    approvalTtlSeconds: input.approvalTtlSeconds ?? DEFAULT_APPROVAL_TTL_SECONDS,
    expiresAt: input.expiresAt ?? null,
  });
});
