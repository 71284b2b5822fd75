import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { listCredentials } from "../../../domain/credentials/list-credentials";
import { orgProcedure } from "../../trpc";

export const listCredentialsInput = z.object({ agentId: idSchema });

/** An agent's credentials, never their secrets. Permission (org:read) is checked inside listCredentials. */
export const listCredentialsProcedure = orgProcedure
  .input(listCredentialsInput)
  .query(({ ctx, input }) => listCredentials(db, ctx.member, input));
