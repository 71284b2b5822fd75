import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { graceSecondsSchema, rotateCredential } from "../../../domain/credentials/rotate-credential";
import { orgProcedure } from "../../trpc";

export const rotateCredentialInput = z.object({
  credentialId: idSchema,
  graceSeconds: graceSecondsSchema,
  compromised: z.boolean().optional(),
});

/** Replace a credential; the new secret is shown once. rotateCredential checks the agent. */
export const rotateCredentialProcedure = orgProcedure
  .input(rotateCredentialInput)
  .mutation(async ({ ctx, input }) => {
    authorizeAnyAgentChange(ctx.member);
    const { credential, secret } = await db.$transaction((tx) =>
      rotateCredential(tx, { ...memberContext(ctx.member), ...input }),
    );
    return { credential, secret };
  });
