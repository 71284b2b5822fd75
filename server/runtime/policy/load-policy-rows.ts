import type pg from "pg";
import type { PolicyRows } from "../../domain/policy/build-policy-snapshot";

// One statement, so the snapshot is one consistent read of the org (no torn reads between the
// agents and their grants) and one round trip. Revoked and expired credentials are left out:
// absent from the snapshot means refused. Plans come only when approved, unexpired and approved
// through their approval (whose hash the snapshot builder checks against the plan row).
const LOAD_POLICY_SQL = `
SELECT
  (SELECT json_build_object('id', o.id, 'frozen', o.frozen, 'policyVersion', o.policy_version,
      'tokensRevokedBefore', o.tokens_revoked_before)
     FROM organizations o WHERE o.id = $1) AS org,
  (SELECT coalesce(json_agg(json_build_object('id', e.id, 'name', e.name, 'frozen', e.frozen,
      'tokensRevokedBefore', e.tokens_revoked_before)), '[]')
     FROM environments e WHERE e.org_id = $1) AS environments,
  (SELECT coalesce(json_agg(json_build_object(
      'id', a.id, 'name', a.name, 'environmentId', a.environment_id, 'autonomy', a.autonomy,
      'status', a.status, 'parentId', a.parent_id, 'maxPendingApprovals', a.max_pending_approvals,
      'tokensRevokedBefore', a.tokens_revoked_before)), '[]')
     FROM agents a WHERE a.org_id = $1) AS agents,
  (SELECT coalesce(json_agg(json_build_object(
      'id', g.id, 'agentId', g.agent_id, 'operationPattern', g.operation_pattern,
      'resourcePatterns', g.resource_patterns, 'paramsSchema', g.params_schema,
      'approvalMode', g.approval_mode, 'approvalWhen', g.approval_when, 'approvers', g.approvers,
      'approvalTtlSeconds', g.approval_ttl_seconds, 'expiresAt', g.expires_at)), '[]')
     FROM grants g WHERE g.org_id = $1) AS grants,
  (SELECT coalesce(json_agg(json_build_object(
      'id', q.id, 'agentId', q.agent_id, 'metric', q.metric, 'window', q."window", 'limit', q."limit"::text)), '[]')
     FROM quotas q WHERE q.org_id = $1) AS quotas,
  (SELECT coalesce(json_agg(json_build_object('tool', t.name, 'operation', op.name, 'effect', op.effect)), '[]')
     FROM operations op JOIN tools t ON t.id = op.tool_id WHERE op.org_id = $1) AS operations,
  (SELECT coalesce(json_agg(json_build_object(
      'id', c.id, 'agentId', c.agent_id, 'prefix', c.prefix, 'secretHash', c.secret_hash,
      'expiresAt', c.expires_at, 'revokedAt', c.revoked_at, 'replacedById', c.replaced_by_id)), '[]')
     FROM credentials c
    WHERE c.org_id = $1 AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())) AS credentials,
  (SELECT coalesce(json_agg(json_build_object(
      'id', p.id, 'agentId', p.agent_id, 'runId', p.run_id, 'steps', p.steps, 'budget', p.budget,
      'expiresAt', p.expires_at, 'approvalHash', ap.action_hash)), '[]')
     FROM plans p JOIN approvals ap ON ap.plan_id = p.id AND ap.status = 'APPROVED'
    WHERE p.org_id = $1 AND p.status = 'APPROVED' AND p.expires_at > now()) AS plans,
  (SELECT coalesce(json_agg(json_build_object('tool', t.name, 'part', r.part, 'paths', r.paths, 'mode', r.mode)), '[]')
     FROM redaction_rules r JOIN tools t ON t.id = r.tool_id WHERE r.org_id = $1) AS "redactionRules",
  (SELECT k.secret FROM org_keys k WHERE k.org_id = $1 AND k.purpose = 'payload-hmac') AS "payloadKey"`;

type LoadedRow = Omit<PolicyRows, "org"> & { org: PolicyRows["org"] | null };

/** The rows of an org's policy snapshot, or null when the org does not exist. */
export async function loadPolicyRows(pool: pg.Pool, orgId: string): Promise<PolicyRows | null> {
  const result = await pool.query<LoadedRow>(LOAD_POLICY_SQL, [orgId]);
  const row = result.rows[0];
  if (!row?.org) return null;
  return { ...row, org: row.org };
}

/** Current policy versions of the given orgs (the cache's version check). */
export async function loadPolicyVersions(pool: pg.Pool, orgIds: string[]): Promise<Map<string, number>> {
  const result = await pool.query<{ id: string; policy_version: number }>(
    "SELECT id, policy_version FROM organizations WHERE id = ANY($1::text[])",
    [orgIds],
  );
  return new Map(result.rows.map((r) => [r.id, r.policy_version]));
}

/** The org a credential prefix belongs to (prefixes are unique across orgs), or null. */
export async function loadCredentialOrg(pool: pg.Pool, prefix: string): Promise<string | null> {
  const result = await pool.query<{ org_id: string }>("SELECT org_id FROM credentials WHERE prefix = $1", [
    prefix,
  ]);
  return result.rows[0]?.org_id ?? null;
}
