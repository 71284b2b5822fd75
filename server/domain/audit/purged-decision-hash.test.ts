// A decision's chain hash covers the digest of its stored params, so a retention purge (params
// gone, digest kept) leaves the hash unchanged — and a kept digest never stands in for params
// that are still there.
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical-json";
import { decisionChainHash, decisionHashContent, type DecisionRecord } from "../decide/decision-record";
import { chainHash, GENESIS_HASH, sha256Hex } from "./hash-chain";

const row: DecisionRecord = {
  id: "dec_1",
  orgId: "org_1",
  agentId: "agt_1",
  runId: null,
  credentialId: null,
  tool: "stripe",
  operation: "refunds.create",
  resource: "stripe:charge/ch_1",
  params: { amount: 100, card: { number: "[redacted]" } },
  actionHash: "a".repeat(64),
  effect: "SPEND",
  outcome: "ALLOW",
  reasonCode: "ALLOWED_BY_GRANT",
  reasonMessage: "ok",
  grantId: null,
  approvalId: null,
  planId: null,
  policyVersion: 3,
  latencyMicros: 10,
  spendCents: 100,
  tokens: 0,
  onBehalfOf: null,
  idempotencyKey: null,
  requestHash: null,
  response: { decision: "allow" },
  chainKey: "dec:org_1:i.0",
  seq: 1n,
  prevHash: GENESIS_HASH,
  hash: "",
  createdAt: new Date("2026-11-22T00:00:00.000Z"),
};
const digest = sha256Hex(canonicalJson(row.params));

describe("the decision chain hash and purged params", () => {
  it("covers the digest of the params, not the params", () => {
    expect(decisionHashContent(row)).toMatchObject({ paramsDigest: digest });
    expect(decisionHashContent(row)).not.toHaveProperty("params");
  });

  it("is unchanged by a purge that keeps the digest", () => {
    const before = decisionChainHash(GENESIS_HASH, row);
    const purged = { ...row, params: null, paramsDigest: digest };
    expect(chainHash(GENESIS_HASH, decisionHashContent(purged))).toBe(before);
    expect(decisionChainHash(GENESIS_HASH, purged)).toBe(before);
  });

  it("notices a purge with a wrong digest, and ignores a digest next to params", () => {
    const before = decisionChainHash(GENESIS_HASH, row);
    expect(decisionChainHash(GENESIS_HASH, { ...row, params: null, paramsDigest: "f".repeat(64) })).not.toBe(
      before,
    );
    expect(decisionChainHash(GENESIS_HASH, { ...row, paramsDigest: "f".repeat(64) })).toBe(before);
    expect(
      decisionChainHash(GENESIS_HASH, { ...row, params: { amount: 999 }, paramsDigest: digest }),
    ).not.toBe(before);
  });
});
