import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { memberContext } from "../../../domain/agents/change-context";
import { authorize } from "../../../domain/auth/permissions";
import { removeMember } from "../../../domain/members/remove-member";
import { orgProcedure } from "../../trpc";

export const removeMemberInput = z.object({ memberId: idSchema });

/** Remove a member from the org (ADMIN): every role is taken away, their history stays theirs. */
export const removeMemberProcedure = orgProcedure
  .input(removeMemberInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "members:manage");
    return db.$transaction((tx) => removeMember(tx, memberContext(ctx.member), input));
  });
