import { describe, expect, it } from "vitest";
import {
  credentialPrefix,
  generateCredentialSecret,
  hashCredentialSecret,
  secretMatchesHash,
} from "./secret";

describe("credential secrets", () => {
  it("has the documented shape and a findable prefix", () => {
    const { secret, prefix, secretHash } = generateCredentialSecret();
    expect(secret).toMatch(/^wdn_[a-z0-9]{12}_[A-Za-z0-9]{40}$/);
    expect(credentialPrefix(secret)).toBe(prefix);
    expect(secretHash).toBe(hashCredentialSecret(secret));
    expect(secretHash).not.toContain(secret);
  });

  it("matches only the exact secret", () => {
    const { secret, secretHash } = generateCredentialSecret();
    expect(secretMatchesHash(secret, secretHash)).toBe(true);
    expect(secretMatchesHash(`${secret.slice(0, -1)}x`, secretHash)).toBe(false);
    expect(secretMatchesHash(secret, "abcd")).toBe(false);
  });

  it("rejects strings that are not credentials", () => {
    for (const s of ["", "wdn_", "Bearer x", "wdn_ABC_def", `wdn_${"a".repeat(12)}_${"b".repeat(39)}`]) {
      expect(credentialPrefix(s)).toBeNull();
    }
  });

  it("never repeats", () => {
    const seen = new Set(Array.from({ length: 200 }, () => generateCredentialSecret().secret));
    expect(seen.size).toBe(200);
  });
});
