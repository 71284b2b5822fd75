import { sha256Hex } from "../audit/hash-chain";
import { canonicalJson, toJsonValue, type JsonValue } from "../canonical-json";
import { canonicalActionJson } from "./canonical-forms";

export type CanonicalAction = {
  agent: string;
  run: string | null;
  tool: string;
  operation: string;
  resource: string;
  params: JsonValue;
};

/** The action a decision (and an approval) is bound to, as people see it and as it is hashed. */
export function canonicalAction(input: {
  agentId: string;
  runId: string | null;
  tool: string;
  operation: string;
  resource: string;
  params: unknown;
}): CanonicalAction {
  return {
    agent: input.agentId,
    run: input.runId,
    tool: input.tool,
    operation: input.operation,
    resource: input.resource,
    params: toJsonValue(input.params ?? {}),
  };
}

/**
 * SHA-256 of the canonical action: the same action hashes the same in every process.
 * `paramsJson`, when given, is canonicalJson(action.params), computed once per request.
 */
export function actionHash(action: CanonicalAction, paramsJson?: string): string {
  return sha256Hex(
    paramsJson === undefined ? canonicalJson(action) : canonicalActionJson(action, paramsJson),
  );
}
