// Agents of their own for the approval specs (the demo fleet is shared by parallel specs), made
// with plain rows in the e2e database the way the fleet file would, then a credential from the CLI.
import { issueCredential, sql } from "../api/runtime-support";
import { DEMO, uniqueName } from "../helpers";

export type ApprovalAgentOptions = {
  prefix: string;
  /** The agent's owner (an e-mail of the acme org). */
  owner?: string;
  approvers?: number;
  ttlSeconds?: number;
  maxPendingApprovals?: number;
};

export type ApprovalAgent = { id: string; orgId: string; name: string; credential: string };

/** An autonomous prod agent whose grant on github:pulls.merge always asks for approval. */
export async function createApprovalAgent(options: ApprovalAgentOptions): Promise<ApprovalAgent> {
  const name = uniqueName(options.prefix);
  const [agent] = await sql<{ id: string; org_id: string }>(
    `INSERT INTO agents (org_id, name, purpose, owner_id, environment_id, autonomy, max_pending_approvals, updated_at)
     SELECT o.id, $1, 'Merges release pull requests (e2e).', m.id, e.id, 3, $3, now()
       FROM organizations o
       JOIN members m ON m.org_id = o.id JOIN users u ON u.id = m.user_id AND u.email = $2
       JOIN environments e ON e.org_id = o.id AND e.name = 'prod'
      WHERE o.slug = 'acme'
     RETURNING id, org_id`,
    [name, options.owner ?? DEMO.owner, options.maxPendingApprovals ?? 20],
  );
  if (!agent) throw new Error("the acme org, its prod environment or the owner is missing");
  await sql(
    `INSERT INTO grants (org_id, agent_id, operation_pattern, resource_patterns, approval_mode, approvers,
                         approval_ttl_seconds, updated_at)
     VALUES ($1, $2, 'github:pulls.merge', ARRAY['repo:acme/*'], 'ALWAYS', $3, $4, now())`,
    [agent.org_id, agent.id, options.approvers ?? 1, options.ttlSeconds ?? 600],
  );
  await bumpPolicy(agent.org_id);
  return { id: agent.id, orgId: agent.org_id, name, credential: await issueCredential(name) };
}

/** What the domain does after a policy change: a new version and the NOTIFY the runtime listens to. */
export async function bumpPolicy(orgId: string) {
  const [row] = await sql<{ policy_version: number }>(
    "UPDATE organizations SET policy_version = policy_version + 1 WHERE id = $1 RETURNING policy_version",
    [orgId],
  );
  await sql("SELECT pg_notify('warden_policy', $1)", [`${orgId}:${row!.policy_version}`]);
}

/**
 * A second security person for the two-person rule, signing in with the demo password (the same
 * password hash as security@acme.test).
 */
export async function createSecondApprover(): Promise<string> {
  const email = `${uniqueName("security")}@acme.test`;
  await sql(
    `WITH u AS (
       INSERT INTO users (email, name, password_hash, updated_at)
       SELECT $1, 'Second Approver', password_hash, now() FROM users WHERE email = $2
       RETURNING id)
     INSERT INTO members (org_id, user_id, roles, updated_at)
     SELECT o.id, u.id, ARRAY['SECURITY']::"Role"[], now() FROM organizations o, u WHERE o.slug = 'acme'`,
    [email, DEMO.security],
  );
  return email;
}

export const mergeAction = (pullNumber: number, runId?: string) => ({
  ...(runId ? { runId } : {}),
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { owner: "acme", repo: "web", pull_number: pullNumber },
});
