import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { memberContext } from "../../../domain/agents/change-context";
import { authorize } from "../../../domain/auth/permissions";
import { memberRolesSchema } from "../../../domain/members/member-fields";
import { updateMemberRoles } from "../../../domain/members/update-member-roles";
import { orgProcedure } from "../../trpc";

export const updateMemberRolesInput = z.object({ memberId: idSchema, roles: memberRolesSchema });

/** Replace a member's roles (ADMIN). The org keeps an admin; agents in service keep an owner. */
export const updateMemberRolesProcedure = orgProcedure
  .input(updateMemberRolesInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "members:manage");
    return db.$transaction((tx) => updateMemberRoles(tx, memberContext(ctx.member), input));
  });
