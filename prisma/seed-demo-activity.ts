// Eight days of plausible activity for the demo fleet, so the overview has something to show
// and one agent visibly drifts: support-triage starts refunding and updating customers it never
// touched before, and gets refused far more often, in the last 20 hours. Decisions are
// hash-chained like the real ones (`warden audit verify` passes); rollups and drift alerts are
// then built by the real job code. Deterministic (seeded random), and fast (a few thousand rows).
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Db } from "../server/db";
import { evaluateDrift } from "../server/domain/drift/evaluate-drift";
import { advanceRollups } from "../server/domain/rollups/advance-rollups";
import {
  appendChainedDecisions,
  type DecisionDraft,
} from "../server/domain/rollups/append-chained-decisions";

type Op = {
  tool: string;
  operation: string;
  effect: DecisionDraft["effect"];
  resources: string[];
  weight: number;
  spend?: number;
};

const repos = ["repo:acme/web", "repo:acme/api", "repo:acme/docs"];
const customers = Array.from({ length: 12 }, (_, i) => `stripe:customer/cus_${1000 + i}`);

const PROFILES: Record<string, { perHour: number; denyRate: number; approvalRate: number; ops: Op[] }> = {
  "release-bot": {
    perHour: 6,
    denyRate: 0.02,
    approvalRate: 0,
    ops: [
      { tool: "github", operation: "pulls.list", effect: "READ", resources: repos, weight: 5 },
      { tool: "github", operation: "pulls.merge", effect: "WRITE", resources: repos, weight: 2 },
      {
        tool: "slack",
        operation: "chat.postMessage",
        effect: "WRITE",
        resources: ["slack:#releases"],
        weight: 1,
      },
    ],
  },
  "release-notes": {
    perHour: 2,
    denyRate: 0.01,
    approvalRate: 0.2,
    ops: [
      { tool: "github", operation: "pulls.list", effect: "READ", resources: repos.slice(0, 2), weight: 4 },
      {
        tool: "slack",
        operation: "chat.postMessage",
        effect: "WRITE",
        resources: ["slack:#releases"],
        weight: 1,
      },
    ],
  },
  "support-triage": {
    perHour: 8,
    denyRate: 0.03,
    approvalRate: 0,
    ops: [
      {
        tool: "slack",
        operation: "channels.history",
        effect: "READ",
        resources: ["slack:#support"],
        weight: 5,
      },
      {
        tool: "slack",
        operation: "chat.postMessage",
        effect: "WRITE",
        resources: ["slack:#support"],
        weight: 3,
      },
      {
        tool: "stripe",
        operation: "charges.list",
        effect: "READ",
        resources: customers.slice(0, 4),
        weight: 2,
      },
    ],
  },
  "refund-assistant": {
    perHour: 3,
    denyRate: 0.05,
    approvalRate: 0.15,
    ops: [
      { tool: "stripe", operation: "charges.list", effect: "READ", resources: customers, weight: 3 },
      {
        tool: "stripe",
        operation: "refunds.create",
        effect: "SPEND",
        resources: ["stripe:charge/ch_1", "stripe:charge/ch_2"],
        weight: 1,
        spend: 2500,
      },
    ],
  },
  "docs-writer": {
    perHour: 2,
    denyRate: 0.02,
    approvalRate: 0,
    ops: [
      { tool: "github", operation: "repos.get", effect: "READ", resources: ["repo:acme/docs"], weight: 2 },
      {
        tool: "github",
        operation: "pulls.create",
        effect: "WRITE",
        resources: ["repo:acme/docs"],
        weight: 1,
      },
    ],
  },
  "ci-janitor": {
    perHour: 3,
    denyRate: 0.08,
    approvalRate: 0.05,
    ops: [
      { tool: "github", operation: "pulls.list", effect: "READ", resources: repos, weight: 3 },
      { tool: "github", operation: "issues.comment", effect: "WRITE", resources: repos, weight: 2 },
    ],
  },
};

/** What support-triage does in its drifting hours: new tools, new customers, many refusals. */
const DRIFTED: { perHour: number; denyRate: number; approvalRate: number; ops: Op[] } = {
  perHour: 14,
  denyRate: 0.35,
  approvalRate: 0.05,
  ops: [
    {
      tool: "slack",
      operation: "channels.history",
      effect: "READ",
      resources: ["slack:#support"],
      weight: 2,
    },
    { tool: "stripe", operation: "charges.list", effect: "READ", resources: customers, weight: 4 },
    {
      tool: "stripe",
      operation: "refunds.create",
      effect: "SPEND",
      resources: ["stripe:charge/ch_7", "stripe:charge/ch_9"],
      weight: 3,
      spend: 4000,
    },
    {
      tool: "stripe",
      operation: "customers.update",
      effect: "WRITE",
      resources: customers.slice(6),
      weight: 2,
    },
  ],
};
const DRIFT_HOURS = 20;
const DAYS = 8;

/** A small deterministic generator, so every seeded database looks the same. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export async function seedDemoActivity(
  db: Db,
  databaseUrl: string,
  orgSlug: string,
  now = new Date(),
): Promise<string> {
  const org = await db.organization.findUniqueOrThrow({ where: { slug: orgSlug }, select: { id: true } });
  const agents = await db.agent.findMany({
    where: { orgId: org.id, name: { in: Object.keys(PROFILES) } },
    select: { id: true, name: true },
  });
  if (await db.decision.findFirst({ where: { orgId: org.id }, select: { id: true } }))
    return "Demo activity already present.";
  const rnd = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)]!;
  const drafts: DecisionDraft[] = [];
  const runs: {
    id: string;
    orgId: string;
    agentId: string;
    status: "SUCCEEDED";
    startedAt: Date;
    endedAt: Date;
    trigger: object;
  }[] = [];
  const hourMs = 3_600_000;
  const lastHour = Math.floor(now.getTime() / hourMs) * hourMs;

  for (const agent of agents) {
    for (let h = DAYS * 24; h >= 0; h--) {
      const hourStart = lastHour - h * hourMs;
      const drifting = agent.name === "support-triage" && h < DRIFT_HOURS;
      const profile = drifting ? DRIFTED : PROFILES[agent.name]!;
      const busy = 0.5 + Math.sin((((hourStart / hourMs) % 24) / 24) * Math.PI * 2 - Math.PI / 2) * -0.4;
      const count = Math.max(1, Math.round(profile.perHour * (busy + rnd() * 0.5)));
      const runId = `run_${randomBytes(12).toString("hex")}`;
      const span = Math.min(hourMs, now.getTime() - hourStart);
      runs.push({
        id: runId,
        orgId: org.id,
        agentId: agent.id,
        status: "SUCCEEDED",
        startedAt: new Date(hourStart),
        endedAt: new Date(hourStart + span),
        trigger: { kind: "webhook", ref: `demo-${h}` },
      });
      const totalWeight = profile.ops.reduce((s, o) => s + o.weight, 0);
      for (let i = 0; i < count; i++) {
        let r = rnd() * totalWeight;
        const op = profile.ops.find((o) => (r -= o.weight) < 0) ?? profile.ops[0]!;
        const roll = rnd();
        const outcome =
          roll < profile.denyRate
            ? "DENY"
            : roll < profile.denyRate + profile.approvalRate
              ? "REQUIRE_APPROVAL"
              : "ALLOW";
        const newTool =
          drifting && (op.operation === "refunds.create" || op.operation === "customers.update");
        drafts.push({
          orgId: org.id,
          agentId: agent.id,
          runId,
          tool: op.tool,
          operation: op.operation,
          resource: pick(op.resources),
          effect: op.effect,
          outcome: newTool && outcome === "ALLOW" ? "DENY" : outcome,
          reasonCode:
            outcome === "ALLOW" && !newTool
              ? "ALLOWED_BY_GRANT"
              : outcome === "REQUIRE_APPROVAL"
                ? "APPROVAL_REQUIRED"
                : "NO_MATCHING_GRANT",
          reasonMessage:
            outcome === "ALLOW" && !newTool
              ? "A grant allows this action."
              : outcome === "REQUIRE_APPROVAL"
                ? "A person must approve this action."
                : "No grant allows this action.",
          spendCents: outcome === "ALLOW" ? (op.spend ?? 0) : 0,
          tokens: 800 + Math.floor(rnd() * 2400),
          createdAt: new Date(hourStart + Math.floor(rnd() * span)),
        });
      }
    }
  }
  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  await db.run.createMany({ data: runs });
  await db.$transaction((tx) => appendChainedDecisions(tx, org.id, "demo-seed", drafts), { timeout: 60_000 });

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    for (let i = 0; i < 20 && !(await advanceRollups(pool, { maxSteps: 100 })).caughtUp; i++);
  } finally {
    await pool.end();
  }
  const drift = await evaluateDrift(db, now);
  return `${drafts.length} decisions over ${DAYS} days, ${runs.length} runs, ${drift.alertsCreated} drift alerts.`;
}
