// One plain sentence of what an agent wants to do, for people who do not read JSON. The exact
// parameters are always shown beside it: the sentence helps, the parameters are what is approved.

export type ActionShape = { tool: string; operation: string; resource: string; params: unknown };
export type PlanStep = { tool: string; operation: string; resource: string; params?: unknown };
export type PlanBudget = { calls?: number; spendCents?: number; tokens?: number };
export type PlanShape = { steps: PlanStep[]; budget: PlanBudget };

type Params = Record<string, unknown>;
const asParams = (value: unknown): Params =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Params) : {};

const text = (value: unknown, max = 80): string | null => {
  if (typeof value !== "string" || value.trim() === "") return null;
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** Cents as money: 12345 → "$123.45" (a currency code other than usd is named). */
export function formatCents(cents: number, currency?: unknown): string {
  const code = typeof currency === "string" && /^[a-z]{3}$/i.test(currency) ? currency.toUpperCase() : "USD";
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${code}`;
  }
}

/** The verb phrase of well-known operations; null when we only know the operation's name. */
function knownPhrase(action: ActionShape): string | null {
  const p = asParams(action.params);
  const where = action.resource;
  const number = num(p.number) ?? num(p.pull_number);
  const key = `${action.tool}:${action.operation}`;
  switch (key) {
    case "github:pulls.merge":
      return `merge pull request${number !== null ? ` #${number}` : ""} in ${where}`;
    case "github:pulls.create": {
      const title = text(p.title);
      return `open a pull request${title ? ` “${title}”` : ""} in ${where}`;
    }
    case "github:issues.comment": {
      const issue = num(p.issue_number) ?? number;
      return `comment on issue${issue !== null ? ` #${issue}` : ""} in ${where}`;
    }
    case "github:repos.delete":
      return `delete the repository ${where}`;
    case "slack:chat.postMessage": {
      const message = text(p.text, 60);
      return `post a message in ${where}${message ? `: “${message}”` : ""}`;
    }
    case "slack:conversations.archive":
      return `archive the channel ${where}`;
    case "stripe:refunds.create": {
      const amount = num(p.amount);
      return `refund ${amount !== null ? formatCents(amount, p.currency) : "a charge"} on ${where}`;
    }
    case "stripe:payouts.create": {
      const amount = num(p.amount);
      return `send a payout${amount !== null ? ` of ${formatCents(amount, p.currency)}` : ""} from ${where}`;
    }
    case "stripe:customers.update":
      return `update the customer ${where}`;
    default:
      return null;
  }
}

/** "release-bot wants to merge pull request #42 in repo:acme/web (github pulls.merge)". */
export function describeAction(agentName: string, action: ActionShape): string {
  const phrase = knownPhrase(action) ?? `use ${action.operation} on ${action.resource}`;
  return `${agentName} wants to ${phrase} (${action.tool} ${action.operation})`;
}

/** "10 calls, $50.00 of spend, 20,000 tokens", or null when the plan sets no budget. */
export function describeBudget(budget: PlanBudget): string | null {
  const parts: string[] = [];
  if (budget.calls !== undefined) parts.push(`${budget.calls.toLocaleString("en-US")} calls`);
  if (budget.spendCents !== undefined) parts.push(`${formatCents(budget.spendCents)} of spend`);
  if (budget.tokens !== undefined) parts.push(`${budget.tokens.toLocaleString("en-US")} tokens`);
  return parts.length ? parts.join(", ") : null;
}

/** "release-bot wants approval for a plan of 3 steps (within 10 calls, $50.00 of spend)". */
export function describePlan(agentName: string, plan: PlanShape): string {
  const n = plan.steps.length;
  const budget = describeBudget(plan.budget);
  return `${agentName} wants approval for a plan of ${n} ${n === 1 ? "step" : "steps"}${budget ? ` (within ${budget})` : ""}`;
}

/** One step of a plan in words, without the agent's name: "merge pull request #42 in repo:acme/web". */
export function describeStep(step: PlanStep): string {
  const action = { ...step, params: step.params ?? {} };
  return knownPhrase(action) ?? `use ${step.tool} ${step.operation} on ${step.resource}`;
}
