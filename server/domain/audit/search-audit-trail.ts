// One search over both halves of the audit trail — decisions (what agents asked and were
// answered) and control-plane events (what people and systems changed) — newest first, paged by
// a keyset cursor on (created_at, id). Each half is read through its (org, created_at) index, or
// the narrower (org, tool | reason_code | actor_label, created_at) and (agent, created_at) ones,
// and Postgres merges the two ordered halves under the LIMIT, so a page costs the same at any
// depth. Free text is a case-insensitive substring match on the short descriptive columns
// (resource, operation, reason, action, target, actor), evaluated only as rows stream in order.
import { Prisma } from "../../generated/prisma/client";
import type { DbOrTx } from "../../db";
import { AppError } from "../errors";

export type AuditSearchFilters = {
  kind?: "decision" | "event";
  agentId?: string;
  tool?: string;
  outcome?: "ALLOW" | "DENY" | "REQUIRE_APPROVAL";
  reasonCode?: string;
  /** An actor's label (e-mail, cli:user, system) or, for decisions, who the agent acted for. */
  actor?: string;
  from?: Date;
  to?: Date;
  text?: string;
};

export type AuditSearchRow = {
  kind: "decision" | "event";
  id: string;
  createdAt: Date;
  agentId: string | null;
  agentName: string | null;
  tool: string | null;
  operation: string | null;
  resource: string | null;
  outcome: string | null;
  reasonCode: string | null;
  reasonMessage: string | null;
  runId: string | null;
  actor: string | null;
  actorType: string | null;
  action: string | null;
  targetType: string | null;
  targetId: string | null;
  /** Decisions: the params as stored (redacted; null once purged). Events: before/after. */
  params: unknown;
  before: unknown;
  after: unknown;
  chainKey: string;
  seq: bigint;
  hash: string;
};

type Cursor = { at: Date; id: string };

export function encodeAuditCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeAuditCursor(cursor: string): Cursor {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[a-z]{3}_[A-Za-z0-9_]+$/.test(id)) {
    throw new AppError(
      "INVALID_REQUEST",
      "This page of the audit trail does not exist; start the search again.",
    );
  }
  return { at: date, id };
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`);

function decisionWhere(orgId: string, f: AuditSearchFilters, cursor: Cursor | null): Prisma.Sql {
  const w: Prisma.Sql[] = [Prisma.sql`d.org_id = ${orgId}`];
  if (f.agentId) w.push(Prisma.sql`d.agent_id = ${f.agentId}`);
  if (f.tool) w.push(Prisma.sql`d.tool = ${f.tool}`);
  if (f.outcome) w.push(Prisma.sql`d.outcome = ${f.outcome}::"DecisionOutcome"`);
  if (f.reasonCode) w.push(Prisma.sql`d.reason_code = ${f.reasonCode}`);
  if (f.actor) w.push(Prisma.sql`d.on_behalf_of ILIKE ${like(f.actor)}`);
  if (f.from) w.push(Prisma.sql`d.created_at >= ${f.from}`);
  if (f.to) w.push(Prisma.sql`d.created_at < ${f.to}`);
  if (f.text) {
    const t = like(f.text);
    w.push(Prisma.sql`(d.resource ILIKE ${t} OR d.operation ILIKE ${t} OR d.tool ILIKE ${t}
      OR d.reason_message ILIKE ${t} OR d.reason_code ILIKE ${t} OR d.id = ${f.text} OR d.run_id = ${f.text})`);
  }
  if (cursor) w.push(Prisma.sql`(d.created_at, d.id) < (${cursor.at}, ${cursor.id})`);
  return and(w);
}

function eventWhere(orgId: string, f: AuditSearchFilters, cursor: Cursor | null): Prisma.Sql {
  const w: Prisma.Sql[] = [Prisma.sql`e.org_id = ${orgId}`];
  if (f.agentId) {
    w.push(Prisma.sql`((e.target_type = 'agent' AND e.target_id = ${f.agentId})
      OR e.after->>'agentId' = ${f.agentId} OR e.before->>'agentId' = ${f.agentId})`);
  }
  if (f.actor) w.push(Prisma.sql`e.actor_label ILIKE ${like(f.actor)}`);
  if (f.from) w.push(Prisma.sql`e.created_at >= ${f.from}`);
  if (f.to) w.push(Prisma.sql`e.created_at < ${f.to}`);
  if (f.text) {
    const t = like(f.text);
    w.push(Prisma.sql`(e.action ILIKE ${t} OR e.target_type ILIKE ${t} OR e.target_id ILIKE ${t}
      OR e.actor_label ILIKE ${t} OR e.id = ${f.text})`);
  }
  if (cursor) w.push(Prisma.sql`(e.created_at, e.id) < (${cursor.at}, ${cursor.id})`);
  return and(w);
}

/** Filters only decisions have: with any of them, control-plane events cannot match. */
const decisionOnly = (f: AuditSearchFilters) => Boolean(f.tool || f.outcome || f.reasonCode);

/**
 * One page of the search: up to `limit` rows newest first, and the cursor of the next page (null
 * at the end). The cursor is opaque and only narrows the same org's search, so a forged one
 * reveals nothing.
 */
export async function searchAuditTrail(
  db: DbOrTx,
  orgId: string,
  filters: AuditSearchFilters,
  page: { limit: number; cursor?: string | null },
): Promise<{ items: AuditSearchRow[]; nextCursor: string | null }> {
  const cursor = page.cursor ? decodeAuditCursor(page.cursor) : null;
  const wantDecisions = filters.kind !== "event";
  const wantEvents = filters.kind !== "decision" && !decisionOnly(filters);
  const take = page.limit + 1;
  const halves: Prisma.Sql[] = [];
  if (wantDecisions) {
    halves.push(Prisma.sql`(SELECT 'decision' AS kind, d.id, d.created_at, d.agent_id, a.name AS agent_name, d.tool,
        d.operation, d.resource, d.outcome::text AS outcome, d.reason_code, d.reason_message, d.run_id,
        d.on_behalf_of AS actor, NULL::text AS actor_type, NULL::text AS action, NULL::text AS target_type,
        NULL::text AS target_id, d.params, NULL::jsonb AS before, NULL::jsonb AS after, d.chain_key, d.seq, d.hash
      FROM decisions d JOIN agents a ON a.id = d.agent_id
      WHERE ${decisionWhere(orgId, filters, cursor)}
      ORDER BY d.created_at DESC, d.id DESC LIMIT ${take})`);
  }
  if (wantEvents) {
    halves.push(Prisma.sql`(SELECT 'event' AS kind, e.id, e.created_at, NULL::text AS agent_id, NULL::text AS agent_name,
        NULL::text AS tool, NULL::text AS operation, NULL::text AS resource, NULL::text AS outcome,
        NULL::text AS reason_code, NULL::text AS reason_message, NULL::text AS run_id, e.actor_label AS actor,
        e.actor_type::text AS actor_type, e.action, e.target_type, e.target_id, NULL::jsonb AS params, e.before,
        e.after, e.chain_key, e.seq, e.hash
      FROM audit_events e
      WHERE ${eventWhere(orgId, filters, cursor)}
      ORDER BY e.created_at DESC, e.id DESC LIMIT ${take})`);
  }
  if (halves.length === 0) return { items: [], nextCursor: null };
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM (${Prisma.join(halves, " UNION ALL ")}) AS trail
    ORDER BY created_at DESC, id DESC LIMIT ${take}`;
  const items = rows.slice(0, page.limit).map(toRow);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeAuditCursor(last) : null };
}

const str = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === "string" ? v : JSON.stringify(v);

function toRow(r: Record<string, unknown>): AuditSearchRow {
  return {
    kind: r.kind === "decision" ? "decision" : "event",
    id: String(r.id),
    createdAt: r.created_at as Date,
    agentId: str(r.agent_id),
    agentName: str(r.agent_name),
    tool: str(r.tool),
    operation: str(r.operation),
    resource: str(r.resource),
    outcome: str(r.outcome),
    reasonCode: str(r.reason_code),
    reasonMessage: str(r.reason_message),
    runId: str(r.run_id),
    actor: str(r.actor),
    actorType: str(r.actor_type),
    action: str(r.action),
    targetType: str(r.target_type),
    targetId: str(r.target_id),
    params: r.params ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
    chainKey: String(r.chain_key),
    seq: BigInt(r.seq as bigint | number | string),
    hash: String(r.hash),
  };
}
