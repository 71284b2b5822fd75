// The canonical JSON of the decision path's fixed-shape objects (the action, the request, the
// answer), written directly instead of walked generically: every decision hashes all three, and
// their params are canonicalized once and reused. Each function is byte-for-byte canonicalJson of
// its input (unit tests hold them together) and falls back to canonicalJson itself for any object
// whose keys are not exactly the expected ones, so a field added later can never be left out of
// a hash.
import { canonicalJson } from "../canonical-json";
import type { CanonicalAction } from "./action-hash";
import type { DecideRequest } from "./decide-request";
import type { DecideResponse } from "./decision-record";

const str = JSON.stringify;

function hasExactly(value: object, keys: number): boolean {
  return Object.keys(value).length === keys;
}

/** canonicalJson(action), given canonicalJson(action.params). */
export function canonicalActionJson(action: CanonicalAction, paramsJson: string): string {
  if (!hasExactly(action, 6)) return canonicalJson(action);
  return `{"agent":${str(action.agent)},"operation":${str(action.operation)},"params":${paramsJson},"resource":${str(action.resource)},"run":${str(action.run)},"tool":${str(action.tool)}}`;
}

/** canonicalJson(request), given canonicalJson(request.params). */
export function canonicalRequestJson(request: DecideRequest, paramsJson: string): string {
  if (!hasExactly(request, 10) || !hasExactly(request.cost, 2)) return canonicalJson(request);
  const { cost } = request;
  return (
    `{"approvalId":${str(request.approvalId)},"cost":{"spendCents":${str(cost.spendCents)},"tokens":${str(cost.tokens)}},` +
    `"environment":${str(request.environment)},"idempotencyKey":${str(request.idempotencyKey)},` +
    `"onBehalfOf":${str(request.onBehalfOf)},"operation":${str(request.operation)},"params":${paramsJson},` +
    `"resource":${str(request.resource)},"runId":${str(request.runId)},"tool":${str(request.tool)}}`
  );
}

/** canonicalJson(response). */
export function canonicalResponseJson(response: DecideResponse): string {
  const { approval, reason, quotas } = response;
  if (
    !hasExactly(response, 6) ||
    !hasExactly(reason, 2) ||
    (approval !== null && !hasExactly(approval, 2)) ||
    !quotas.every((q) => hasExactly(q, 4))
  ) {
    return canonicalJson(response);
  }
  let quotasJson = "[";
  for (let i = 0; i < quotas.length; i++) {
    const q = quotas[i]!;
    if (i > 0) quotasJson += ",";
    quotasJson += `{"limit":${str(q.limit)},"metric":${str(q.metric)},"used":${str(q.used)},"window":${str(q.window)}}`;
  }
  quotasJson += "]";
  const approvalJson =
    approval === null ? "null" : `{"expiresAt":${str(approval.expiresAt)},"id":${str(approval.id)}}`;
  return (
    `{"approval":${approvalJson},"decision":${str(response.decision)},"decisionId":${str(response.decisionId)},` +
    `"grantId":${str(response.grantId)},"quotas":${quotasJson},` +
    `"reason":{"code":${str(reason.code)},"message":${str(reason.message)}}}`
  );
}
