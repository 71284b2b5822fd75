import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { credentialLabelSchema } from "../../../domain/credentials/credential-records";
import { issueCredential } from "../../../domain/credentials/issue-credential";
import { orgProcedure } from "../../trpc";

const DAY_MS = 86_400_000;

export const issueCredentialInput = z.object({
  agentId: idSchema,
  label: credentialLabelSchema.optional(),
  expiresInDays: z
    .number()
    .int("Give the lifetime in whole days.")
    .min(1, "A credential lives at least 1 day.")
    .max(365, "A credential lives at most 365 days; rotate it to keep an agent running longer.")
    .nullish(),
});

/** Issue a credential: the one response that carries a secret. issueCredential checks the agent. */
export const issueCredentialProcedure = orgProcedure
  .input(issueCredentialInput)
  .mutation(async ({ ctx, input }) => {
    authorizeAnyAgentChange(ctx.member);
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
    return db.$transaction((tx) =>
      issueCredential(tx, {
        ...memberContext(ctx.member),
        agentId: input.agentId,
        label: input.label,
        expiresAt,
      }),
    );
  });
