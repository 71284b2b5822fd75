import { createTRPCRouter } from "../../trpc";
import { inviteMemberProcedure } from "./invite-member";
import { listMembersProcedure } from "./list-members";
import { removeMemberProcedure } from "./remove-member";
import { updateMemberRolesProcedure } from "./update-member-roles";

export const membersRouter = createTRPCRouter({
  list: listMembersProcedure,
  invite: inviteMemberProcedure,
  updateRoles: updateMemberRolesProcedure,
  remove: removeMemberProcedure,
});
