import type { BatchWrites } from "../../domain/decide/settle-batch";

/**
 * The rows a settled batch inserts or uses up, in the column names and order of the checked
 * write's $5–$7 (its usage rows and chain heads are built with the state they are checked against).
 */
export function writeParameters(writes: BatchWrites): unknown[] {
  return [
    writes.newApprovals.map((a) => ({
      id: a.id,
      org_id: a.orgId,
      agent_id: a.agentId,
      run_id: a.runId,
      decision_id: a.decisionId,
      grant_id: a.grantId,
      action_hash: a.actionHash,
      action: a.action,
      effect: a.effect,
      rule_reason: a.ruleReason,
      on_behalf_of: a.onBehalfOf,
      required_approvers: a.requiredApprovers,
      expires_at: a.expiresAt.toISOString(),
      created_at: a.createdAt.toISOString(),
    })),
    writes.consumedApprovals.map((c) => ({
      id: c.id,
      decision_id: c.decisionId,
      consumed_at: c.consumedAt.toISOString(),
    })),
    writes.decisions.map((d) => ({
      id: d.id,
      org_id: d.orgId,
      agent_id: d.agentId,
      run_id: d.runId,
      credential_id: d.credentialId,
      tool: d.tool,
      operation: d.operation,
      resource: d.resource,
      params: d.params,
      action_hash: d.actionHash,
      effect: d.effect,
      outcome: d.outcome,
      reason_code: d.reasonCode,
      reason_message: d.reasonMessage,
      grant_id: d.grantId,
      approval_id: d.approvalId,
      plan_id: d.planId,
      policy_version: d.policyVersion,
      latency_micros: d.latencyMicros,
      spend_cents: d.spendCents,
      tokens: d.tokens,
      on_behalf_of: d.onBehalfOf,
      idempotency_key: d.idempotencyKey,
      request_hash: d.requestHash,
      response: d.response,
      chain_key: d.chainKey,
      seq: d.seq.toString(),
      prev_hash: d.prevHash,
      hash: d.hash,
      created_at: d.createdAt.toISOString(),
    })),
  ];
}
