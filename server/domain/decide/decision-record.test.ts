import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH } from "../audit/hash-chain";
import { canonicalJson } from "../canonical-json";
import { decisionChainHash, decisionHashContent, type DecisionRecord } from "./decision-record";

const base: Omit<DecisionRecord, "chainKey" | "prevHash" | "hash"> = {
  id: "dec_1",
  orgId: "org_1",
  agentId: "agt_1",
  runId: null,
  credentialId: "crd_1",
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { number: 42, z: [1, { b: null, a: 'é"\\\n' }], "\u00e9": true, "": 0.5 },
  actionHash: "a".repeat(64),
  effect: "WRITE",
  outcome: "ALLOW",
  reasonCode: "ALLOWED_BY_GRANT",
  reasonMessage: "The action is allowed.",
  grantId: "grt_1",
  approvalId: null,
  planId: null,
  policyVersion: 12,
  latencyMicros: 321,
  spendCents: 0,
  tokens: 1200,
  onBehalfOf: "user:alice@acme.test",
  idempotencyKey: "k",
  requestHash: "r".repeat(64),
  response: { decision: "allow", quotas: [{ metric: "calls", used: 1, limit: 2 }], approval: null },
  seq: 7n,
  createdAt: new Date("2026-11-21T12:00:00.123Z"),
};

describe("decisionChainHash", () => {
  it.each([
    ["a full record", base],
    [
      "nulls everywhere they may be",
      {
        ...base,
        params: null,
        effect: null,
        grantId: null,
        credentialId: null,
        response: null,
        idempotencyKey: null,
      },
    ],
    ["empty params", { ...base, params: {} }],
  ])("equals the generic chain hash for %s", (_name, row) => {
    expect(decisionChainHash(GENESIS_HASH, row)).toBe(chainHash(GENESIS_HASH, decisionHashContent(row)));
  });

  it("gives the same hash with canonical params and response supplied", () => {
    const parts = { params: canonicalJson(base.params), response: canonicalJson(base.response) };
    expect(decisionChainHash(GENESIS_HASH, base, parts)).toBe(decisionChainHash(GENESIS_HASH, base));
  });

  it("reads back the same from the store's types (strings for BIGINT)", () => {
    const stored = { ...base, seq: "7", spendCents: "0", tokens: "1200" };
    expect(chainHash(GENESIS_HASH, decisionHashContent(stored))).toBe(decisionChainHash(GENESIS_HASH, base));
  });
});
