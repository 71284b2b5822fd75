import { describe, expect, it } from "vitest";
import { approvalCardContent, approvalCardHash } from "./approval-card";
import { describeAction, describeBudget, describePlan, formatCents } from "./describe-action";
import { onBehalfOfEmail, voterRefusal } from "./voter-refusal";

const act = (tool: string, operation: string, resource: string, params: unknown = {}) => ({
  tool,
  operation,
  resource,
  params,
});

describe("describeAction", () => {
  it.each([
    [
      act("github", "pulls.merge", "repo:acme/web", { number: 42 }),
      "release-bot wants to merge pull request #42 in repo:acme/web (github pulls.merge)",
    ],
    [
      act("github", "pulls.merge", "repo:acme/web", { pull_number: 7 }),
      "release-bot wants to merge pull request #7 in repo:acme/web (github pulls.merge)",
    ],
    [
      act("stripe", "refunds.create", "stripe:charge/ch_1", { amount: 25000, currency: "eur" }),
      "release-bot wants to refund €250.00 on stripe:charge/ch_1 (stripe refunds.create)",
    ],
    [
      act("slack", "chat.postMessage", "slack:#releases", { text: "v2.4.0\nis out" }),
      "release-bot wants to post a message in slack:#releases: “v2.4.0 is out” (slack chat.postMessage)",
    ],
    [
      act("github", "repos.delete", "repo:acme/old"),
      "release-bot wants to delete the repository repo:acme/old (github repos.delete)",
    ],
    [
      act("jira", "issues.transition", "jira:ACME-1"),
      "release-bot wants to use issues.transition on jira:ACME-1 (jira issues.transition)",
    ],
  ])("%o", (action, sentence) => {
    expect(describeAction("release-bot", action)).toBe(sentence);
  });

  it("shortens long texts and ignores parameters of the wrong type", () => {
    const long = describeAction(
      "bot",
      act("slack", "chat.postMessage", "slack:#x", { text: "y".repeat(500) }),
    );
    expect(long.length).toBeLessThan(140);
    expect(describeAction("bot", act("github", "pulls.merge", "repo:a/b", { number: "42; drop" }))).toBe(
      "bot wants to merge pull request in repo:a/b (github pulls.merge)",
    );
  });
});

describe("plans and money", () => {
  it("describes a plan and its budget", () => {
    expect(formatCents(1234)).toBe("$12.34");
    expect(describeBudget({})).toBeNull();
    expect(describeBudget({ calls: 10, spendCents: 5000, tokens: 20000 })).toBe(
      "10 calls, $50.00 of spend, 20,000 tokens",
    );
    expect(describePlan("bot", { steps: [act("github", "pulls.merge", "repo:a/b")], budget: {} })).toBe(
      "bot wants approval for a plan of 1 step",
    );
  });

  it("builds the card of a plan envelope and fingerprints it stably", () => {
    const source = {
      id: "apr_1",
      action: {
        plan: {
          steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:a/b" }, "junk"],
          budget: { calls: 3, tokens: -1 },
        },
      },
      effect: null,
      ruleReason: "Plans always need approval.",
      onBehalfOf: null,
      requiredApprovers: 1,
      expiresAt: new Date("2026-11-22T10:00:00Z"),
      agent: { id: "agt_1", name: "bot", environment: { name: "prod", isProduction: true } },
    };
    const card = approvalCardContent(source);
    expect(card.action).toEqual({
      kind: "plan",
      steps: [
        {
          tool: "github",
          operation: "pulls.merge",
          resource: "repo:a/b",
          params: {},
          summary: "merge pull request in repo:a/b",
        },
      ],
      budget: { calls: 3 },
    });
    expect(card.summary).toBe("bot wants approval for a plan of 1 step (within 3 calls)");
    expect(approvalCardHash(card)).toBe(approvalCardHash(approvalCardContent(source)));
    expect(approvalCardHash(card)).not.toBe(
      approvalCardHash(approvalCardContent({ ...source, ruleReason: "Something else." })),
    );
  });
});

describe("voterRefusal", () => {
  const target = {
    agentOwnerId: "mem_owner",
    onBehalfOf: ["user:Alice@Acme.com", null],
    voterIds: ["mem_voted"],
  };
  it("refuses the owner, the person acted for and a second vote; lets others vote", () => {
    expect(voterRefusal({ id: "mem_owner", email: "o@acme.com" }, target)).toMatch(/own this agent/);
    expect(voterRefusal({ id: "mem_alice", email: "alice@acme.com" }, target)).toMatch(/on your behalf/);
    expect(voterRefusal({ id: "mem_voted", email: "v@acme.com" }, target)).toMatch(/already voted/);
    expect(voterRefusal({ id: "mem_sam", email: "sam@acme.com" }, target)).toBeNull();
  });
  it("reads e-mails out of on-behalf-of references", () => {
    expect(onBehalfOfEmail("user:alice@acme.com")).toBe("alice@acme.com");
    expect(onBehalfOfEmail("ALICE@acme.com")).toBe("alice@acme.com");
    expect(onBehalfOfEmail("team:payments")).toBeNull();
  });
});
