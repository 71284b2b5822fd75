import { z } from "zod";
import { db } from "../../../db";
import { idSchema, reasonSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { revokeCredential } from "../../../domain/credentials/revoke-credential";
import { orgProcedure } from "../../trpc";

export const revokeCredentialInput = z.object({ credentialId: idSchema, reason: reasonSchema });

/** Revoke a credential now. revokeCredential checks the agent. */
export const revokeCredentialProcedure = orgProcedure
  .input(revokeCredentialInput)
  .mutation(async ({ ctx, input }) => {
    authorizeAnyAgentChange(ctx.member);
    const credential = await db.$transaction((tx) =>
      revokeCredential(tx, { ...memberContext(ctx.member), ...input }),
    );
    return { id: credential.id };
  });
