import { canonicalJson } from "../canonical-json";
import type { FieldIssue } from "../errors";
import type { ApprovalRule, JsonObject } from "../grants/approval-rule";
import { findCoveringGrant, type CoverableGrant } from "../grants/grant-coverage";
import { operationPatternProblem, resourcePatternProblem } from "../grants/patterns";
import { tryCompileJsonSchema } from "../json-schema/compile-json-schema";
import { DEFAULT_ENVIRONMENTS, GRANT_DEFAULTS } from "./fleet-schema";

// The checks a fleet file must pass beyond the shape of each field: every reference resolves
// within the file, nothing is declared twice, and every JSON Schema compiles. Pure: no database.
//
// They read the raw document (not the schema's output) and look only at fields of the right
// type, so that they run even when other fields are malformed: a file's author sees every
// problem in one pass instead of fixing shapes first and meeting these afterwards.

type Raw = Record<string, unknown>;
type Add = (path: string, message: string) => void;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const record = (value: unknown): Raw | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Raw) : null;
const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const field = (item: unknown, key: string): unknown => record(item)?.[key];

export function checkFleetSemantics(document: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add: Add = (path, message) => issues.push({ path, message });
  const doc = record(document) ?? {};

  const environments = doc.environments === undefined ? DEFAULT_ENVIRONMENTS : list(doc.environments);
  const members = list(doc.members);
  const tools = list(doc.tools);
  const agents = list(doc.agents);

  reportDuplicates(environments, "name", (i, name) =>
    add(`environments[${i}].name`, `"${name}" is listed more than once`),
  );
  reportDuplicates(
    members,
    "email",
    (i, email) => add(`members[${i}].email`, `${email} is listed more than once`),
    lower,
  );
  reportDuplicates(tools, "name", (i, name) =>
    add(`tools[${i}].name`, `the tool "${name}" is listed more than once`),
  );
  tools.forEach((tool, t) => {
    const operations = list(field(tool, "operations"));
    reportDuplicates(operations, "name", (i, name) =>
      add(`tools[${t}].operations[${i}].name`, `"${name}" is listed more than once in this tool`),
    );
    operations.forEach((operation, o) =>
      checkSchema(`tools[${t}].operations[${o}].inputSchema`, field(operation, "inputSchema"), add),
    );
  });

  const memberEmails = new Set(members.map((m) => text(field(m, "email"))?.toLowerCase()));
  const environmentNames = environments.map((e) => text(field(e, "name"))).filter((n) => n !== null);
  const agentsByName = new Map<string, Raw>();
  for (const agent of agents) {
    const name = text(field(agent, "name"));
    if (name && !agentsByName.has(name)) agentsByName.set(name, record(agent)!);
  }
  reportDuplicates(agents, "name", (i, name) =>
    add(`agents[${i}].name`, `the agent "${name}" is listed more than once`),
  );

  agents.forEach((agent, a) => {
    const at = `agents[${a}]`;
    const owner = text(field(agent, "owner"));
    if (owner && !memberEmails.has(owner.toLowerCase())) {
      add(`${at}.owner`, `${owner} is not listed under members; add them there first`);
    }
    const environment = text(field(agent, "environment"));
    if (environment && !environmentNames.includes(environment)) {
      add(
        `${at}.environment`,
        `"${environment}" is not an environment (known: ${environmentNames.join(", ")})`,
      );
    }
    checkParent(at, record(agent) ?? {}, agentsByName, add);

    const grants = list(field(agent, "grants"));
    grants.forEach((grant, g) => {
      const resources = list(field(grant, "resources"));
      resources.forEach((resource, r) => {
        if (typeof resource === "string" && resources.indexOf(resource) < r) {
          add(`${at}.grants[${g}].resources[${r}]`, `"${resource}" is listed more than once`);
        }
      });
      checkSchema(`${at}.grants[${g}].params`, field(grant, "params"), add);
      checkSchema(`${at}.grants[${g}].approval.when`, field(field(grant, "approval"), "when"), add);
    });
    const grantKeys = grants.map((grant) => (record(grant) ? canonicalJson(grant) : null));
    grantKeys.forEach((key, i) => {
      if (key !== null && grantKeys.indexOf(key) < i)
        add(`${at}.grants[${i}]`, "is the same as an earlier grant of this agent");
    });
    const quotas = list(field(agent, "quotas"));
    const quotaKeys = quotas.map((q) => `${String(field(q, "metric"))} per ${String(field(q, "window"))}`);
    quotaKeys.forEach((key, i) => {
      if (quotaKeys.indexOf(key) < i)
        add(`${at}.quotas[${i}]`, `a quota on ${key} is already set for this agent`);
    });
  });
  return issues;
}

const lower = (value: string) => value.toLowerCase();

function checkSchema(path: string, schema: unknown, add: Add) {
  if (!record(schema)) return; // absent, null, or a shape error reported by the schema
  const compiled = tryCompileJsonSchema(schema);
  if (!compiled.ok) add(path, compiled.message);
}

function reportDuplicates(
  items: readonly unknown[],
  key: string,
  report: (index: number, value: string) => void,
  normalize: (value: string) => string = (v) => v,
) {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = text(field(item, key));
    if (value === null) return;
    if (seen.has(normalize(value))) report(index, value);
    seen.add(normalize(value));
  });
}

function checkParent(at: string, agent: Raw, agentsByName: Map<string, Raw>, add: Add) {
  const parentName = text(agent.parent);
  if (!parentName) return;
  if (parentName === agent.name) return add(`${at}.parent`, "an agent cannot be its own parent");
  const parent = agentsByName.get(parentName);
  if (!parent) return add(`${at}.parent`, `the agent "${parentName}" is not defined in this file`);
  if (text(parent.environment) && text(agent.environment) && parent.environment !== agent.environment) {
    return add(
      `${at}.parent`,
      `a sub-agent must live in its parent's environment (${String(parent.environment)})`,
    );
  }
  // Follow the chain of parents: a loop would make every agent in it its own ancestor.
  const visited = new Set([text(agent.name)]);
  for (
    let current: Raw | undefined = parent;
    current;
    current = agentsByName.get(text(current.parent) ?? "")
  ) {
    if (visited.has(text(current.name))) return add(`${at}.parent`, "the parents of this agent form a loop");
    visited.add(text(current.name));
  }
  const now = new Date();
  const parentGrants = list(parent.grants).map(coverableGrant);
  // A malformed parent grant is reported at its own path; judging cover without it would
  // only add misleading problems to the sub-agent.
  if (!parentGrants.every((g) => g !== null)) return;
  list(agent.grants).forEach((grant, g) => {
    const child = coverableGrant(grant);
    // An expired grant allows nothing, so it needs no cover (and an exported file whose
    // parent grant has since expired stays appliable).
    if (!child || (child.expiresAt && child.expiresAt <= now)) return;
    const result = findCoveringGrant(parentGrants, child, now);
    if (!result.covered) {
      add(
        `${at}.grants[${g}]`,
        `a sub-agent may only hold a subset of its parent's grants: ${result.reason} (parent: ${parentName})`,
      );
    }
  });
}

/** A grant as written in the file, in the form the coverage rules read; null if malformed. */
function coverableGrant(grant: unknown): CoverableGrant | null {
  const operationPattern = text(field(grant, "operation"));
  const resourcePatterns = list(field(grant, "resources"));
  if (!operationPattern || operationPatternProblem(operationPattern)) return null;
  if (!resourcePatterns.every((r) => typeof r === "string" && !resourcePatternProblem(r))) return null;
  const approval = field(grant, "approval") ?? "never";
  const when = record(field(approval, "when"));
  const rule: ApprovalRule | null =
    approval === "never" || approval === "always" ? approval : when ? { when: when as JsonObject } : null;
  const approvers = field(grant, "approvers") ?? GRANT_DEFAULTS.approvers;
  const expiresAt = field(grant, "expiresAt") ?? null;
  const expiry = typeof expiresAt === "string" ? new Date(expiresAt) : null;
  if (
    !rule ||
    typeof approvers !== "number" ||
    (expiresAt !== null && (!expiry || Number.isNaN(expiry.getTime())))
  ) {
    return null;
  }
  return {
    operationPattern,
    resourcePatterns: resourcePatterns as string[],
    paramsSchema: (record(field(grant, "params")) as JsonObject | null) ?? null,
    approval: rule,
    approvers,
    expiresAt: expiry,
  };
}
