import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it } from "vitest";
import { escapeSlack, formatSlackMessage } from "./format-slack-message";
import type { ApprovalEventPayload } from "./notification-events";
import { generateSigningSecret, signatureHeader, verifySignature } from "./sign-webhook";

// The receiver-side check exactly as the README shows it.
function readmeVerify(
  secret: string,
  rawBody: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
) {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2))) as Record<string, string>;
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex"));
  const given = Buffer.from(parts.v1 ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe("webhook signatures", () => {
  const secret = generateSigningSecret();
  const body = JSON.stringify({ type: "approval.requested", approval: { id: "apr_1" } });
  const header = signatureHeader(secret, body, 1_790_000_000);

  it("verify with our checker and with the README's", () => {
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, 1_790_000_010)).toBe(true);
    expect(readmeVerify(secret, body, header, 1_790_000_010)).toBe(true);
  });

  it("refuse another body, another secret, a stale timestamp, a malformed header", () => {
    expect(verifySignature(secret, `${body} `, header, 1_790_000_010)).toBe(false);
    expect(verifySignature(generateSigningSecret(), body, header, 1_790_000_010)).toBe(false);
    expect(verifySignature(secret, body, header, 1_790_000_000 + 301)).toBe(false);
    expect(verifySignature(secret, body, "v1=abc", 1_790_000_000)).toBe(false);
    expect(readmeVerify(secret, body, header, 1_790_000_000 + 301)).toBe(false);
  });
});

describe("Slack messages", () => {
  const payload: ApprovalEventPayload = {
    event: "approval.requested",
    org: { slug: "acme", name: "Acme" },
    agent: { id: "agt_1", name: "release-bot" },
    environment: { name: "prod", isProduction: true },
    approval: {
      id: "apr_1",
      status: "PENDING",
      effect: "WRITE",
      ruleReason: "Always asks <@channel>",
      action: {
        tool: "github",
        operation: "pulls.merge",
        resource: "repo:acme/web",
        params: { title: "<!here> & co" },
      },
      requiredApprovers: 2,
      expiresAt: "2026-11-22T10:00:00.000Z",
      createdAt: "2026-11-22T09:50:00.000Z",
      decidedAt: null,
    },
    votes: [],
    at: "2026-11-22T09:50:00.000Z",
  };

  it("escape what came from the agent, so it cannot mention or link", () => {
    expect(escapeSlack("<!here> & <@U1>")).toBe("&lt;!here&gt; &amp; &lt;@U1&gt;");
    const message = JSON.stringify(formatSlackMessage(payload, "https://warden.example"));
    expect(message).not.toContain("<!here>");
    expect(message).not.toContain("<@channel>");
    expect(message).toContain("<https://warden.example/approvals?id=apr_1|Open in Warden>");
  });

  it("say who decided, in the text", () => {
    const decided = formatSlackMessage(
      {
        ...payload,
        event: "approval.decided",
        approval: { ...payload.approval!, status: "DENIED", decidedAt: "2026-11-22T09:55:00.000Z" },
        votes: [{ vote: "DENY", by: "sam@acme.test", comment: "not today", at: "2026-11-22T09:55:00.000Z" }],
      },
      null,
    );
    expect(decided.text).toBe(
      "Approval denied by sam@acme.test: *release-bot* wants to `github:pulls.merge on repo:acme/web` in prod (production).",
    );
  });
});
