import type pg from "pg";
import type { NotificationEvent } from "./notification-events";

// Discovering what to notify: approvals created (approval.requested) or decided (approval.decided)
// after a watermark become outbox rows, one per matching channel, in ONE statement. The unique key
// (channel, event, approval) plus ON CONFLICT DO NOTHING makes it safe to re-read an overlap and
// to run on every instance at once: a row exists once, so it is delivered once. A channel only
// hears about approvals from after its creation (no backlog flood when it is added).

const SOURCE: Record<NotificationEvent, { column: string; where: string }> = {
  "approval.requested": { column: "created_at", where: "TRUE" },
  "approval.decided": { column: "decided_at", where: "a.decided_at IS NOT NULL AND a.status <> 'PENDING'" },
};

function enqueueSql(event: NotificationEvent): string {
  const { column, where } = SOURCE[event];
  return `
    WITH src AS (
      SELECT a.* FROM approvals a
      WHERE a.${column} > $1 AND ${where}
      ORDER BY a.${column}, a.id
      LIMIT $2
    ), ins AS (
      INSERT INTO notification_deliveries (org_id, channel_id, event, approval_id, payload)
      SELECT src.org_id, c.id, '${event}', src.id, jsonb_build_object(
        'event', '${event}',
        'org', jsonb_build_object('slug', o.slug, 'name', o.name),
        'agent', jsonb_build_object('id', g.id, 'name', g.name),
        'environment', jsonb_build_object('name', e.name, 'isProduction', e.is_production),
        'approval', jsonb_build_object(
          'id', src.id, 'status', src.status, 'effect', src.effect, 'ruleReason', src.rule_reason,
          'action', src.action, 'requiredApprovers', src.required_approvers,
          'expiresAt', to_char(src.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'createdAt', to_char(src.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'decidedAt', to_char(src.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        'votes', COALESCE((
          SELECT jsonb_agg(jsonb_build_object('vote', v.vote, 'by', u.email, 'comment', v.comment,
            'at', to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY v.created_at)
          FROM approval_votes v JOIN members m ON m.id = v.member_id JOIN users u ON u.id = m.user_id
          WHERE v.approval_id = src.id AND '${event}' = 'approval.decided'), '[]'::jsonb),
        'at', to_char(src.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM src
      JOIN organizations o ON o.id = src.org_id
      JOIN agents g ON g.id = src.agent_id
      JOIN environments e ON e.id = g.environment_id
      JOIN notification_channels c ON c.org_id = src.org_id AND c.enabled
        AND '${event}' = ANY (c.events)
        AND (c.environment_id IS NULL OR c.environment_id = g.environment_id)
        AND c.created_at <= src.${column}
      ON CONFLICT (channel_id, event, approval_id) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT max(${column}) FROM src) AS high,
           (SELECT count(*) FROM src)::int AS seen,
           (SELECT count(*) FROM ins)::int AS inserted`;
}

const STATEMENTS = {
  "approval.requested": enqueueSql("approval.requested"),
  "approval.decided": enqueueSql("approval.decided"),
};

export type EnqueueResult = { high: Date | null; seen: number; inserted: number };

/** Write the outbox rows for approvals of `event` after `since` (at most `limit` approvals). */
export async function enqueueApprovalEvents(
  pool: pg.Pool,
  event: NotificationEvent,
  since: Date,
  limit: number,
): Promise<EnqueueResult> {
  const { rows } = await pool.query<{ high: Date | null; seen: number; inserted: number }>(
    STATEMENTS[event],
    [since, limit],
  );
  return rows[0] ?? { high: null, seen: 0, inserted: 0 };
}
