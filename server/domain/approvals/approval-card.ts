// What an approver is shown of an approval, and its fingerprint. The content comes only from the
// approval's own, never-changing fields, so the fingerprint a person saw when opening the card is
// the one the server recomputes when they vote: a card that was swapped cannot be approved.
import { sha256Hex } from "../audit/hash-chain";
import { canonicalJson, toJsonValue, type JsonValue } from "../canonical-json";
import {
  describeAction,
  describePlan,
  describeStep,
  type PlanBudget,
  type PlanShape,
  type PlanStep,
} from "./describe-action";

export type EffectName = "READ" | "WRITE" | "DELETE" | "SPEND" | "ADMIN";

export const EFFECT_WORDS: Record<EffectName, string> = {
  READ: "Reads data; changes nothing.",
  WRITE: "Creates or changes data.",
  DELETE: "Deletes data; may not be undoable.",
  SPEND: "Spends money.",
  ADMIN: "Changes settings or permissions.",
};

export type CardAction =
  | {
      kind: "action";
      tool: string;
      operation: string;
      resource: string;
      params: JsonValue;
    }
  | {
      kind: "plan";
      steps: (PlanStep & { params: JsonValue; summary: string })[];
      budget: PlanBudget;
    };

export type ApprovalCardContent = {
  approvalId: string;
  summary: string;
  action: CardAction;
  ruleReason: string;
  onBehalfOf: string | null;
  agent: { id: string; name: string };
  blastRadius: {
    effect: EffectName | null;
    effectMeaning: string | null;
    environment: string;
    production: boolean;
  };
  requiredApprovers: number;
  expiresAt: string;
};

export type CardSource = {
  id: string;
  action: unknown;
  effect: EffectName | null;
  ruleReason: string;
  onBehalfOf: string | null;
  requiredApprovers: number;
  expiresAt: Date;
  agent: { id: string; name: string; environment: { name: string; isProduction: boolean } };
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const count = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined;

/** A plan envelope is stored as `{ plan: { steps, budget } }`; read it leniently, show what is there. */
function parsePlan(value: Record<string, unknown>): PlanShape {
  const steps = Array.isArray(value.steps) ? value.steps.filter(isObject) : [];
  const budget = isObject(value.budget) ? value.budget : {};
  return {
    steps: steps.map((s) => ({
      tool: str(s.tool),
      operation: str(s.operation),
      resource: str(s.resource),
      params: s.params,
    })),
    budget: {
      ...(count(budget.calls) !== undefined ? { calls: count(budget.calls) } : {}),
      ...(count(budget.spendCents) !== undefined ? { spendCents: count(budget.spendCents) } : {}),
      ...(count(budget.tokens) !== undefined ? { tokens: count(budget.tokens) } : {}),
    },
  };
}

export function approvalCardContent(source: CardSource): ApprovalCardContent {
  const stored = isObject(source.action) ? source.action : {};
  let action: CardAction;
  let summary: string;
  if (isObject(stored.plan)) {
    const plan = parsePlan(stored.plan);
    action = {
      kind: "plan",
      steps: plan.steps.map((s) => ({
        ...s,
        params: toJsonValue(s.params ?? {}),
        summary: describeStep(s),
      })),
      budget: plan.budget,
    };
    summary = describePlan(source.agent.name, plan);
  } else {
    const shape = {
      tool: str(stored.tool),
      operation: str(stored.operation),
      resource: str(stored.resource),
      params: toJsonValue(stored.params ?? {}),
    };
    action = { kind: "action", ...shape };
    summary = describeAction(source.agent.name, shape);
  }
  return {
    approvalId: source.id,
    summary,
    action,
    ruleReason: source.ruleReason,
    onBehalfOf: source.onBehalfOf,
    agent: { id: source.agent.id, name: source.agent.name },
    blastRadius: {
      effect: source.effect,
      effectMeaning: source.effect ? EFFECT_WORDS[source.effect] : null,
      environment: source.agent.environment.name,
      production: source.agent.environment.isProduction,
    },
    requiredApprovers: source.requiredApprovers,
    expiresAt: source.expiresAt.toISOString(),
  };
}

/** SHA-256 of the card's canonical JSON: what a vote records as "what the approver saw". */
export function approvalCardHash(content: ApprovalCardContent): string {
  return sha256Hex(canonicalJson(content));
}
