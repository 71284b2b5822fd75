import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { MAX_TOOL_NAME_LENGTH, TOOL_NAME_PATTERN, TOOL_NAME_RULE } from "./catalog-rules";
import { isUniqueViolation } from "./is-unique-violation";

const alreadyExists = (name: string) =>
  new AppError("ALREADY_EXISTS", `A tool named ${name} already exists.`);

/** Add a tool to the catalog (its operations are added separately or imported). */
export async function createTool(
  member: MemberContext,
  input: { name: string; description?: string },
): Promise<{ id: string }> {
  authorize(member, "tools:write");
  if (!TOOL_NAME_PATTERN.test(input.name) || input.name.length > MAX_TOOL_NAME_LENGTH) {
    throw new AppError("INVALID_REQUEST", TOOL_NAME_RULE, {
      issues: [{ path: "name", message: TOOL_NAME_RULE }],
    });
  }
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.tool.findUnique({
        where: { orgId_name: { orgId: member.orgId, name: input.name } },
        select: { id: true },
      });
      if (taken) throw alreadyExists(input.name);
      const tool = await tx.tool.create({
        data: {
          orgId: member.orgId,
          name: input.name,
          description: input.description ?? "",
          source: "MANUAL",
        },
        select: { id: true, name: true, description: true, source: true },
      });
      await writeAuditEvent(tx, {
        orgId: member.orgId,
        actor: { type: "USER", id: member.userId, label: member.email },
        action: "tool.created",
        targetType: "tool",
        targetId: tool.id,
        after: tool,
      });
      await bumpPolicyVersion(tx, member.orgId);
      return { id: tool.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(input.name);
    throw error;
  }
}
