// Set-up shared by the grants, quotas and tools integration tests: agents made straight in the
// database (outside the procedures under test) and readers for the errors and audit rows.
import { TRPCError } from "@trpc/server";
import { db } from "@/server/db";
import { AppError } from "@/server/domain/errors";
import { rand, type TestOrg } from "@/test/factories";

export async function makeAgent(
  org: TestOrg,
  options: { ownerId?: string; parentId?: string; status?: "ACTIVE" | "PAUSED" | "DECOMMISSIONED" } = {},
) {
  return db.agent.create({
    data: {
      orgId: org.id,
      name: `bot-${rand()}`,
      ownerId: options.ownerId ?? org.owner.id,
      environmentId: org.env.dev,
      parentId: options.parentId ?? null,
      status: options.status ?? "ACTIVE",
    },
    select: { id: true, name: true },
  });
}

/** The failure of a call: its tRPC code, the domain's code and issues, and the message. */
export async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  const cause = error.cause instanceof AppError ? error.cause : null;
  return {
    code: error.code,
    appCode: cause?.code ?? null,
    issues: cause?.issues ?? [],
    message: error.message,
  };
}

export async function policyVersion(orgId: string): Promise<number> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { policyVersion: true },
  });
  return org.policyVersion;
}

export async function auditOf(orgId: string, targetId: string) {
  return db.auditEvent.findMany({
    where: { orgId, targetId },
    orderBy: { seq: "asc" },
    select: { action: true, actorLabel: true, before: true, after: true },
  });
}
