import { describe, expect, it } from "vitest";
import type { PolicySnapshot } from "../policy/policy-snapshot";
import { tokenRevokedBySwitch } from "./token-revoked-by-switch";

const at = (iso: string) => new Date(iso).getTime();

function snapshot(instants: {
  org?: number | null;
  env?: number | null;
  agent?: number | null;
}): PolicySnapshot {
  const agent = {
    id: "agt_1",
    name: "bot",
    environmentId: "env_1",
    autonomy: 3,
    status: "ACTIVE" as const,
    parentId: null,
    maxPendingApprovals: 20,
    grants: [],
    quotas: [],
    tokensRevokedBefore: instants.agent ?? null,
  };
  return {
    orgId: "org_1",
    version: 1,
    orgFrozen: false,
    orgTokensRevokedBefore: instants.org ?? null,
    environments: new Map([
      ["env_1", { id: "env_1", name: "prod", frozen: false, tokensRevokedBefore: instants.env ?? null }],
    ]),
    agents: new Map([["agt_1", agent]]),
    operations: new Map(),
    credentialsByPrefix: new Map(),
    credentialsById: new Map(),
  };
}

const switchAt = at("2026-11-22T10:00:00.400Z");
const iat = (iso: string) => at(iso) / 1000;

describe("tokenRevokedBySwitch", () => {
  it.each([
    ["no switch ever", {}, iat("2026-11-22T09:00:00Z"), false],
    ["agent switch, token from before", { agent: switchAt }, iat("2026-11-22T09:59:59Z"), true],
    [
      "agent switch, token from the same second (fail closed)",
      { agent: switchAt },
      iat("2026-11-22T10:00:00Z"),
      true,
    ],
    ["agent switch, token from the next second", { agent: switchAt }, iat("2026-11-22T10:00:01Z"), false],
    ["environment switch", { env: switchAt }, iat("2026-11-22T09:00:00Z"), true],
    ["org switch", { org: switchAt }, iat("2026-11-22T09:00:00Z"), true],
    [
      "an old switch does not revoke a newer token",
      { org: at("2026-11-01T00:00:00Z") },
      iat("2026-11-22T09:00:00Z"),
      false,
    ],
    [
      "the latest of several instants counts",
      { org: at("2026-11-01T00:00:00Z"), agent: switchAt },
      iat("2026-11-22T09:00:00Z"),
      true,
    ],
    ["a token without iat under any switch", { env: at("2026-11-01T00:00:00Z") }, undefined, true],
  ] as const)("%s", (_label, instants, issuedAt, revoked) => {
    expect(tokenRevokedBySwitch(snapshot(instants), "agt_1", issuedAt)).toBe(revoked);
  });

  it("an unknown agent with an org switch is revoked; without one, it is for the caller to refuse", () => {
    expect(
      tokenRevokedBySwitch(snapshot({ org: switchAt }), "agt_unknown", iat("2026-11-22T09:00:00Z")),
    ).toBe(true);
    expect(tokenRevokedBySwitch(snapshot({}), "agt_unknown", iat("2026-11-22T09:00:00Z"))).toBe(false);
  });
});
