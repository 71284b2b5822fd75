import type { DbOrTx } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { countsForRuns } from "./list-runs";

/** What a run page and an export say about the run itself: trigger, on whose behalf, model, end. */
export async function getRun(db: DbOrTx, member: MemberContext, input: { id: string }) {
  authorize(member, "org:read");
  // Another org's run is "not found", exactly like a run that does not exist.
  const run = await db.run.findFirst({
    where: { id: input.id, orgId: member.orgId },
    select: {
      id: true,
      status: true,
      trigger: true,
      onBehalfOf: true,
      modelProvider: true,
      modelName: true,
      systemPromptHash: true,
      toolSchemaVersion: true,
      summary: true,
      startedAt: true,
      endedAt: true,
      agent: {
        select: {
          id: true,
          name: true,
          purpose: true,
          environment: { select: { id: true, name: true, isProduction: true } },
        },
      },
    },
  });
  if (!run) throw notFound("This run");
  const [counts, events] = await Promise.all([
    countsForRuns(db, member.orgId, [run.id]),
    db.runEvent.groupBy({
      by: ["kind"],
      where: { orgId: member.orgId, runId: run.id },
      _count: { _all: true },
    }),
  ]);
  const eventCounts = Object.fromEntries(events.map((e) => [e.kind, e._count._all])) as Partial<
    Record<(typeof events)[number]["kind"], number>
  >;
  return {
    id: run.id,
    status: run.status,
    trigger: readTrigger(run.trigger),
    onBehalfOf: run.onBehalfOf,
    model: {
      provider: run.modelProvider,
      name: run.modelName,
      systemPromptHash: run.systemPromptHash,
      toolSchemaVersion: run.toolSchemaVersion,
    },
    summary: run.summary,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    agent: run.agent,
    counts: {
      ...(counts.get(run.id) ?? { decisions: 0, denials: 0, approvals: 0 }),
      events: events.reduce((n, e) => n + e._count._all, 0),
      sideEffects: eventCounts.SIDE_EFFECT ?? 0,
      errors: eventCounts.ERROR ?? 0,
    },
  };
}

export type RunHeader = Awaited<ReturnType<typeof getRun>>;

export type RunTrigger = { kind: string; ref: string | null; url: string | null };

/** The stored trigger JSON, read defensively (it was validated on the way in, but is JSON). */
function readTrigger(value: unknown): RunTrigger | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const kind = str(record.kind);
  if (!kind) return null;
  return { kind, ref: str(record.ref), url: str(record.url) };
}
