import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";

/** Every redaction rule of the org, by tool, oldest first (the order they were added). */
export async function listRedactionRules(member: MemberContext) {
  authorize(member, "org:read");
  return db.redactionRule.findMany({
    where: { orgId: member.orgId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, toolId: true, part: true, mode: true, paths: true, createdAt: true },
  });
}
