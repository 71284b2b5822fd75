import type { DbOrTx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { authorize, type MemberContext } from "../auth/permissions";
import { decodeCursor, encodeCursor } from "./keyset-cursor";
import type { RunStatusName } from "./end-run-request";

export const RUN_PAGE_SIZE = 50;

/** "Started in the last …" presets of the console, resolved against the server's clock. */
export const RUN_SINCE_MS = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;
export type RunSince = keyof typeof RUN_SINCE_MS;

export type ListRunsInput = {
  agentId?: string;
  environmentId?: string;
  status?: RunStatusName;
  /** Runs started at or after this instant. */
  from?: Date;
  /** Runs started in the last hour, day … (combined with `from`, the later bound wins). */
  since?: RunSince;
  /** Runs started before this instant. */
  to?: Date;
  hasDenials?: boolean;
  hasApprovals?: boolean;
  cursor?: string;
  limit?: number;
};

export type RunCounts = { decisions: number; denials: number; approvals: number };

/**
 * The org's runs, newest first, one keyset page at a time on (startedAt, id). Counts per run come
 * from two grouped queries over the page's ids (never one query per run); the has-denials and
 * has-approvals filters are EXISTS subqueries on the (run_id, …) indexes.
 */
export async function listRuns(db: DbOrTx, member: MemberContext, input: ListRunsInput) {
  authorize(member, "org:read");
  const limit = Math.min(Math.max(input.limit ?? RUN_PAGE_SIZE, 1), 200);
  const filters: Prisma.RunWhereInput[] = [{ orgId: member.orgId }];
  if (input.agentId) filters.push({ agentId: input.agentId });
  if (input.environmentId) filters.push({ agent: { environmentId: input.environmentId } });
  if (input.status) filters.push({ status: input.status });
  if (input.from) filters.push({ startedAt: { gte: input.from } });
  if (input.since) filters.push({ startedAt: { gte: new Date(Date.now() - RUN_SINCE_MS[input.since]) } });
  if (input.to) filters.push({ startedAt: { lt: input.to } });
  if (input.hasDenials !== undefined) {
    const some = { decisions: { some: { outcome: "DENY" as const } } };
    filters.push(input.hasDenials ? some : { NOT: some });
  }
  if (input.hasApprovals !== undefined) {
    const some = { approvals: { some: {} } };
    filters.push(input.hasApprovals ? some : { NOT: some });
  }
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    filters.push({
      startedAt: { lte: after.at },
      OR: [{ startedAt: { lt: after.at } }, { startedAt: after.at, id: { lt: after.id } }],
    });
  }

  const rows = await db.run.findMany({
    where: { AND: filters },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      status: true,
      trigger: true,
      onBehalfOf: true,
      modelProvider: true,
      modelName: true,
      summary: true,
      startedAt: true,
      endedAt: true,
      agent: {
        select: {
          id: true,
          name: true,
          environment: { select: { id: true, name: true, isProduction: true } },
        },
      },
    },
  });
  const page = rows.slice(0, limit);
  const counts = await countsForRuns(
    db,
    member.orgId,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((run) => ({
      ...run,
      counts: counts.get(run.id) ?? { decisions: 0, denials: 0, approvals: 0 },
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.startedAt, id: last.id }) : null,
  };
}

/** Decisions, denials and approvals per run, for a page of runs, in two grouped queries. */
export async function countsForRuns(
  db: DbOrTx,
  orgId: string,
  runIds: string[],
): Promise<Map<string, RunCounts>> {
  const counts = new Map<string, RunCounts>(
    runIds.map((id) => [id, { decisions: 0, denials: 0, approvals: 0 }]),
  );
  if (runIds.length === 0) return counts;
  const [decisions, approvals] = await Promise.all([
    db.decision.groupBy({
      by: ["runId", "outcome"],
      where: { orgId, runId: { in: runIds } },
      _count: { _all: true },
    }),
    db.approval.groupBy({
      by: ["runId"],
      where: { orgId, runId: { in: runIds } },
      _count: { _all: true },
    }),
  ]);
  for (const row of decisions) {
    const entry = row.runId ? counts.get(row.runId) : undefined;
    if (!entry) continue;
    entry.decisions += row._count._all;
    if (row.outcome === "DENY") entry.denials += row._count._all;
  }
  for (const row of approvals) {
    const entry = row.runId ? counts.get(row.runId) : undefined;
    if (entry) entry.approvals = row._count._all;
  }
  return counts;
}
