import { z } from "zod";
import { db } from "../../../db";
import { changeOwnPassword } from "../../../domain/account/change-own-password";
import { authedProcedure } from "../../trpc";

// Lengths are checked by passwordProblem() in the domain, so that its sentence reaches the form.
export const changePasswordInput = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password.")
    .max(200, "That is not your current password."),
  newPassword: z.string().max(1000, "Use at most 200 characters."),
});

/** The signed-in user changes their own password; any signed-in user may, for themselves only. */
export const changePasswordProcedure = authedProcedure
  .input(changePasswordInput)
  .mutation(async ({ ctx, input }) => {
    await changeOwnPassword(db, {
      user: { id: ctx.user.id, email: ctx.user.email },
      orgId: ctx.requestedOrgId,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
    });
    return { changed: true as const };
  });
