// How a plan's steps are stored (plans.steps and the approval's action): each step's params follow
// the tool's redaction rules, like a decision's, and carry the SHA-256 of the canonical params as
// sent. /api/decide matches a step on that digest, so a plan still covers exactly the params the
// agent asked for while no secret is kept; the approval's hash covers the stored steps, digest
// included, so the digest cannot be swapped after approval.
import { sha256Hex } from "../audit/hash-chain";
import { canonicalJson, type JsonValue } from "../canonical-json";
import { redactPayload, type PayloadRedaction } from "../redaction/payload-redaction";
import type { PlanStep } from "./plan-request";

/** The digest a step with params is matched on (the same one computed from a decide request). */
export function planParamsDigest(params: unknown): string {
  return sha256Hex(canonicalJson(params));
}

export function storedPlanSteps(
  redaction: PayloadRedaction | undefined,
  steps: readonly PlanStep[],
): PlanStep[] {
  return steps.map((step) => {
    if (step.params === undefined) return step;
    const params = redactPayload(redaction, step.tool, "PARAMS", step.params) as { [key: string]: JsonValue };
    return { ...step, params, paramsDigest: planParamsDigest(step.params) };
  });
}
