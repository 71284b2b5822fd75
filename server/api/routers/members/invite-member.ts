import { z } from "zod";
import { db } from "../../../db";
import { memberContext } from "../../../domain/agents/change-context";
import { authorize } from "../../../domain/auth/permissions";
import { inviteMember } from "../../../domain/members/invite-member";
import {
  memberEmailSchema,
  memberNameSchema,
  memberRolesSchema,
} from "../../../domain/members/member-fields";
import { createTemporaryPassword } from "../../../domain/members/temporary-password";
import { orgProcedure } from "../../trpc";

export const inviteMemberInput = z.object({
  email: memberEmailSchema,
  name: memberNameSchema,
  roles: memberRolesSchema,
});

/**
 * Invite someone (ADMIN). Returns the temporary password of a newly made account: the only
 * time it exists in clear. It is never logged, and never written anywhere but as a bcrypt hash.
 */
export const inviteMemberProcedure = orgProcedure
  .input(inviteMemberInput)
  .mutation(async ({ ctx, input }) => {
    // Checked before hashing too, so that a refused caller costs no bcrypt work.
    authorize(ctx.member, "members:manage");
    const temporaryPassword = await createTemporaryPassword();
    return db.$transaction((tx) =>
      inviteMember(tx, memberContext(ctx.member), { ...input, temporaryPassword }),
    );
  });
