// Shared by the table-driven evaluate tests: the case shape, common fixtures and the checks
// every case gets.
import { expect } from "vitest";
import type { PresentedApproval } from "../check-presented-approval";
import type { DecideRequest } from "../decide-request";
import { evaluate, type EvaluateInput } from "../evaluate";
import { agent, grant, NOW, request, snapshot, type FixtureOptions } from "./policy-fixture";

export type Case = {
  name: string;
  policy?: FixtureOptions;
  request?: Partial<DecideRequest>;
  input?: Partial<Omit<EvaluateInput, "request">>;
  expect: {
    decision: string;
    code: string;
    grantId?: string | null;
    approvers?: number;
    ttlSeconds?: number;
    /** A part of the reason's sentence. */
    message?: string;
    /** A part of the approval's rule reason (shown to approvers). */
    ruleReason?: string;
  };
};

export const HASH = "a".repeat(64);
export const past = new Date(NOW.getTime() - 1000).toISOString();
export const future = new Date(NOW.getTime() + 60_000).toISOString();
export const main = (overrides: Parameters<typeof agent>[0] extends infer T ? Partial<T> : never = {}) =>
  agent({ id: "agt_main", ...overrides });
export const wideGrant = grant({ id: "grt_wide", operationPattern: "github:*", resourcePatterns: ["**"] });

export function approval(overrides: Partial<PresentedApproval> = {}): PresentedApproval {
  return {
    id: "apr_1",
    agentId: "agt_main",
    actionHash: HASH,
    status: "APPROVED",
    expiresAt: new Date(NOW.getTime() + 60_000),
    consumedAt: null,
    ...overrides,
  };
}

/** Evaluate one case and check its answer and the invariants every answer keeps. */
export function checkCase(c: Case): void {
  const result = evaluate(snapshot(c.policy), {
    agentId: "agt_main",
    request: request(c.request),
    actionHash: HASH,
    now: NOW,
    ...c.input,
  });
  expect(result.decision).toBe(c.expect.decision);
  expect(result.reason.code).toBe(c.expect.code);
  expect(result.reason.message.length).toBeGreaterThan(10);
  if (c.expect.grantId !== undefined) expect(result.grantId).toBe(c.expect.grantId);
  if (c.expect.approvers !== undefined)
    expect(result.approvalRequirement?.approvers).toBe(c.expect.approvers);
  if (c.expect.ttlSeconds !== undefined)
    expect(result.approvalRequirement?.ttlSeconds).toBe(c.expect.ttlSeconds);
  if (c.expect.message !== undefined) expect(result.reason.message).toContain(c.expect.message);
  if (c.expect.ruleReason !== undefined)
    expect(result.approvalRequirement?.ruleReason).toContain(c.expect.ruleReason);
  if (result.decision === "deny") expect(result.quotaCharges).toEqual([]);
  if (result.reason.code === "APPROVAL_REQUIRED") expect(result.approvalRequirement?.ruleReason).toBeTruthy();
  else expect(result.approvalRequirement).toBeNull();
  expect(result.consumesApprovalId).toBe(result.reason.code === "APPROVED" ? "apr_1" : null);
}
