import { randomUUID } from "node:crypto";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from "jose";
import type pg from "pg";

// Agent tokens are signed with ES256 keys kept in the `signing_keys` table: every instance signs
// and verifies with the same keys, and the first instance that needs a key generates it. (Anyone
// who can read that table can mint tokens — as anyone who can write the database can rewrite
// grants; protect database access accordingly.)

export const TOKEN_ISSUER = "warden";
export const TOKEN_AUDIENCE = "warden:decide";
export const MAX_TOKEN_TTL_SECONDS = 15 * 60;
const ALG = "ES256";
const RELOAD_INTERVAL_MS = 1_000;
/** How long a loaded key set is trusted: a key retired in the table stops signing and verifying within this. */
const KEY_SET_MAX_AGE_MS = 30_000;

export type AgentTokenClaims = {
  agentId: string;
  orgId: string;
  credentialId: string;
  environmentId: string;
  audience: string;
  expiresAt: number;
  /** `iat`, epoch seconds: a kill switch refuses tokens issued before it. */
  issuedAt?: number;
  /** The `kid` that signed it: a token cached as verified stands only while that key is trusted. */
  keyId?: string;
};

type LoadedKey = { kid: string; publicJwk: JWK; privateJwk: JWK; createdAt: Date; publicKey?: CryptoKey };

export class SigningKeys {
  private keys = new Map<string, LoadedKey>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private signingKey: { kid: string; key: CryptoKey } | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly keySetMaxAgeMs = KEY_SET_MAX_AGE_MS,
  ) {}

  /** Reload when the loaded set is older than its trust period (retired keys drop out). */
  private async refreshIfStale(): Promise<void> {
    if (this.keys.size > 0 && performance.now() - this.loadedAt > this.keySetMaxAgeMs) await this.reload();
  }

  /** Public keys for /.well-known/jwks.json. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.ensureKey();
    return {
      keys: [...this.keys.values()].map((k) => ({ ...k.publicJwk, kid: k.kid, alg: ALG, use: "sig" })),
    };
  }

  async sign(
    claims: Omit<AgentTokenClaims, "expiresAt">,
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: number }> {
    const signing = await this.currentSigningKey();
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + Math.min(ttlSeconds, MAX_TOKEN_TTL_SECONDS);
    const token = await new SignJWT({
      org: claims.orgId,
      cid: claims.credentialId,
      env: claims.environmentId,
    })
      .setProtectedHeader({ alg: ALG, kid: signing.kid, typ: "JWT" })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(claims.agentId)
      .setAudience(claims.audience)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(signing.key);
    return { token, expiresAt };
  }

  /** Verify a token's signature and claims; null when it is not one of ours or not valid now. */
  async verify(token: string): Promise<AgentTokenClaims | null> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, (header) => this.publicKey(header.kid), {
        issuer: TOKEN_ISSUER,
        algorithms: [ALG],
        requiredClaims: ["sub", "aud", "exp", "iat"],
        clockTolerance: 5,
      });
      const claims = claimsOf(payload);
      return claims && { ...claims, keyId: protectedHeader.kid };
    } catch {
      return null;
    }
  }

  /** Whether `kid` is still a trusted key (the loaded set, reloaded once it is older than its trust period). */
  async trusts(kid: string | undefined): Promise<boolean> {
    if (!kid) return false;
    await this.refreshIfStale();
    return this.keys.has(kid);
  }

  private async publicKey(kid: string | undefined): Promise<CryptoKey> {
    if (!kid) throw new Error("no kid");
    await this.refreshIfStale();
    let entry = this.keys.get(kid);
    // A key made by another instance since we last looked: reload, at most once a second.
    if (!entry && performance.now() - this.loadedAt > RELOAD_INTERVAL_MS) {
      await this.reload();
      entry = this.keys.get(kid);
    }
    if (!entry) throw new Error("unknown kid");
    entry.publicKey ??= (await importJWK({ ...entry.publicJwk, alg: ALG }, ALG)) as CryptoKey;
    return entry.publicKey;
  }

  private async currentSigningKey(): Promise<{ kid: string; key: CryptoKey }> {
    await this.refreshIfStale();
    if (this.signingKey) return this.signingKey;
    await this.ensureKey();
    // The oldest live key signs, so that instances that raced to create one converge on one.
    const oldest = [...this.keys.values()].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.kid < b.kid ? -1 : 1),
    )[0]!;
    this.signingKey = {
      kid: oldest.kid,
      key: (await importJWK({ ...oldest.privateJwk, alg: ALG }, ALG)) as CryptoKey,
    };
    return this.signingKey;
  }

  private async ensureKey(): Promise<void> {
    if (this.keys.size === 0) await this.reload();
    if (this.keys.size > 0) return;
    const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await this.pool.query(
      `INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk) VALUES ($1, $2, $3, $4) ON CONFLICT (kid) DO NOTHING`,
      [kid, ALG, JSON.stringify(publicJwk), JSON.stringify(privateJwk)],
    );
    await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const result = await this.pool.query<{
          kid: string;
          public_jwk: JWK;
          private_jwk: JWK;
          created_at: Date;
        }>(
          "SELECT kid, public_jwk, private_jwk, created_at FROM signing_keys WHERE retired_at IS NULL AND alg = $1",
          [ALG],
        );
        const next = new Map<string, LoadedKey>();
        for (const row of result.rows) {
          next.set(row.kid, {
            kid: row.kid,
            publicJwk: row.public_jwk,
            privateJwk: row.private_jwk,
            createdAt: row.created_at,
            publicKey: this.keys.get(row.kid)?.publicKey,
          });
        }
        this.keys = next;
        this.loadedAt = performance.now();
        if (this.signingKey && !next.has(this.signingKey.kid)) this.signingKey = null;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}

function claimsOf(payload: JWTPayload): AgentTokenClaims | null {
  const { sub, aud, exp, iat, org, cid, env } = payload as JWTPayload & {
    org?: unknown;
    cid?: unknown;
    env?: unknown;
  };
  if (
    typeof sub !== "string" ||
    typeof org !== "string" ||
    typeof cid !== "string" ||
    typeof env !== "string"
  )
    return null;
  if (typeof exp !== "number" || typeof iat !== "number" || exp - iat > MAX_TOKEN_TTL_SECONDS) return null;
  const audience = Array.isArray(aud) ? (aud.length === 1 ? aud[0] : undefined) : aud;
  // Audience-bound: a token for the decision API or for this org, nothing else.
  if (audience !== TOKEN_AUDIENCE && audience !== org) return null;
  return {
    agentId: sub,
    orgId: org,
    credentialId: cid,
    environmentId: env,
    audience,
    expiresAt: exp,
    issuedAt: iat,
  };
}
