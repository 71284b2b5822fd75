import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError, notFound } from "../errors";
import type { JsonObject } from "../grants/approval-rule";
import { compileJsonSchema } from "../json-schema/compile-json-schema";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { MAX_OPERATIONS_PER_TOOL, operationNameProblem, type EffectClass } from "./catalog-rules";
import { isUniqueViolation } from "./is-unique-violation";
import { operationAuditSnapshot } from "./operation-record";
import { Prisma } from "../../generated/prisma/client";

export type AddOperationInput = {
  toolId: string;
  name: string;
  effect: EffectClass;
  description?: string;
  inputSchema?: JsonObject | null;
};

const alreadyExists = (name: string) =>
  new AppError("ALREADY_EXISTS", `This tool already has an operation named ${name}.`);

export async function addOperation(member: MemberContext, input: AddOperationInput): Promise<{ id: string }> {
  authorize(member, "tools:write");
  const nameProblem = operationNameProblem(input.name);
  if (nameProblem)
    throw new AppError("INVALID_REQUEST", nameProblem, { issues: [{ path: "name", message: nameProblem }] });
  const inputSchema = input.inputSchema ?? null;
  if (inputSchema) compileJsonSchema(inputSchema, "inputSchema");
  try {
    return await db.$transaction(async (tx) => {
      const tool = await tx.tool.findFirst({
        where: { id: input.toolId, orgId: member.orgId },
        select: { id: true, name: true, _count: { select: { operations: true } } },
      });
      if (!tool) throw notFound("The tool");
      if (tool._count.operations >= MAX_OPERATIONS_PER_TOOL) {
        throw new AppError(
          "PRECONDITION_FAILED",
          `A tool can have at most ${MAX_OPERATIONS_PER_TOOL} operations.`,
        );
      }
      const taken = await tx.operation.findUnique({
        where: { toolId_name: { toolId: tool.id, name: input.name } },
        select: { id: true },
      });
      if (taken) throw alreadyExists(input.name);
      const op = await tx.operation.create({
        data: {
          orgId: member.orgId,
          toolId: tool.id,
          name: input.name,
          effect: input.effect,
          description: input.description ?? "",
          inputSchema: inputSchema ?? Prisma.DbNull,
        },
        select: { id: true, name: true, effect: true, description: true, inputSchema: true },
      });
      await writeAuditEvent(tx, {
        orgId: member.orgId,
        actor: { type: "USER", id: member.userId, label: member.email },
        action: "operation.created",
        targetType: "operation",
        targetId: op.id,
        after: operationAuditSnapshot(tool, op),
      });
      await bumpPolicyVersion(tx, member.orgId);
      return { id: op.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(input.name);
    throw error;
  }
}
