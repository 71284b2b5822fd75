import { describe, expect, it } from "vitest";
import {
  activeCredentialWhere,
  credentialIsUsable,
  credentialState,
  type CredentialTimestamps,
} from "./credential-state";

const now = new Date("2026-11-21T12:00:00.000Z");
const past = new Date("2026-11-21T11:00:00.000Z");
const future = new Date("2026-11-21T13:00:00.000Z");
const base: CredentialTimestamps = { revokedAt: null, expiresAt: null, replacedById: null };

describe("credentialState", () => {
  it.each<[string, CredentialTimestamps, ReturnType<typeof credentialState>]>([
    ["no expiry, not revoked", base, "active"],
    ["own expiry in the future", { ...base, expiresAt: future }, "active"],
    ["own expiry in the past", { ...base, expiresAt: past }, "expired"],
    ["expiring exactly now", { ...base, expiresAt: now }, "expired"],
    ["rotated, grace running", { ...base, expiresAt: future, replacedById: "crd_new" }, "grace"],
    ["rotated, grace over", { ...base, expiresAt: past, replacedById: "crd_new" }, "expired"],
    ["revoked", { ...base, revokedAt: past }, "revoked"],
    ["revoked wins over expiry", { ...base, revokedAt: past, expiresAt: past }, "revoked"],
    [
      "rotated with no grace (revoked)",
      { revokedAt: now, expiresAt: now, replacedById: "crd_new" },
      "revoked",
    ],
  ])("%s → %s", (_name, credential, expected) => {
    expect(credentialState(credential, now)).toBe(expected);
  });

  it("counts active and grace credentials as usable, and nothing else", () => {
    expect(credentialIsUsable(base, now)).toBe(true);
    expect(credentialIsUsable({ ...base, expiresAt: future, replacedById: "crd_new" }, now)).toBe(true);
    expect(credentialIsUsable({ ...base, expiresAt: past }, now)).toBe(false);
    expect(credentialIsUsable({ ...base, revokedAt: past }, now)).toBe(false);
  });

  it("filters the database the way it derives the state", () => {
    expect(activeCredentialWhere(now)).toEqual({
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now }, replacedById: null }],
    });
  });
});
