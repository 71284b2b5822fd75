import { credentialIsUsable } from "../../domain/credentials/credential-state";
import { credentialPrefix, secretMatchesHash } from "../../domain/credentials/secret";
import { AppError } from "../../domain/errors";
import { tokenRevokedBySwitch } from "../../domain/killswitch/token-revoked-by-switch";
import type { PolicySnapshot } from "../../domain/policy/policy-snapshot";
import type { PolicyCache } from "../policy/policy-cache";
import type { AgentTokenClaims, SigningKeys } from "./signing-keys";

export type AgentIdentity = {
  orgId: string;
  agentId: string;
  credentialId: string;
  /** The snapshot the identity was checked against; the decision uses the same one. */
  snapshot: PolicySnapshot;
  via: "credential" | "token";
  /** With a token: the environment it was issued for. */
  tokenEnvironmentId: string | null;
};

const TOKEN_CACHE_LIMIT = 20_000;
const BEARER_CACHE_LIMIT = 20_000;

type CredentialPolicy = NonNullable<ReturnType<PolicySnapshot["credentialsByPrefix"]["get"]>>;

export const authenticationFailed = () =>
  new AppError("AUTHENTICATION_FAILED", "The credential or token is missing, unknown, expired or revoked.");

/**
 * Who is calling, from the Authorization header only. A credential is found by its prefix and
 * compared in constant time; a token's signature is checked once and cached until it expires
 * or its signing key is retired.
 * Either way the credential must still be usable in the current snapshot, so a revocation ends
 * both the credential and every token issued from it as soon as the snapshot is renewed.
 */
export class AgentAuthenticator {
  private readonly verifiedTokens = new Map<string, AgentTokenClaims>();
  /**
   * Authorization headers whose credential secret matched its hash, with the identity built from
   * the snapshot they were checked in. Valid only while that very snapshot is the current one (a
   * revocation or any other policy change makes a new snapshot), so the hash is computed once per
   * credential and snapshot rather than per request.
   */
  private readonly verifiedBearers = new Map<
    string,
    { identity: AgentIdentity; credential: CredentialPolicy }
  >();
  /** Credentials seen since the last flush of `last_used_at`. */
  readonly usedCredentials = new Set<string>();

  constructor(
    private readonly policy: PolicyCache,
    private readonly keys: SigningKeys,
  ) {}

  /**
   * The identity behind a credential, when everything needed to check it is in memory (the usual
   * case); null otherwise, and also on any refusal, so that `authenticate` decides and explains.
   * The checks are the same as `authenticate`'s; only the awaits are saved.
   */
  authenticateFromMemory(authorization: string | undefined): AgentIdentity | null {
    const known = authorization === undefined ? undefined : this.verifiedBearers.get(authorization);
    if (
      known &&
      this.policy.peek(known.identity.orgId) === known.identity.snapshot &&
      credentialIsUsable(known.credential)
    ) {
      this.usedCredentials.add(known.credential.id);
      return known.identity;
    }
    const bearer = /^Bearer (wdn_[\x21-\x7e]{1,4092})$/i.exec(authorization ?? "")?.[1];
    if (!bearer) return null;
    const prefix = credentialPrefix(bearer);
    if (!prefix) return null;
    const orgId = this.policy.peekCredentialOrg(prefix);
    if (!orgId) return null;
    const snapshot = this.policy.peek(orgId);
    const credential = snapshot?.credentialsByPrefix.get(prefix);
    if (!snapshot || !credential) return null;
    if (!secretMatchesHash(bearer, credential.secretHash)) return null;
    if (!credentialIsUsable(credential) || !snapshot.agents.has(credential.agentId)) return null;
    const identity = this.credentialIdentity(orgId, snapshot, credential);
    if (authorization) {
      if (this.verifiedBearers.size >= BEARER_CACHE_LIMIT) this.verifiedBearers.clear();
      this.verifiedBearers.set(authorization, { identity, credential });
    }
    return identity;
  }

  async authenticate(
    authorization: string | undefined,
    options: { allowTokens?: boolean } = {},
  ): Promise<AgentIdentity> {
    // Every runtime call, not only /api/decide, skips hashing a credential checked in this snapshot.
    const remembered = this.authenticateFromMemory(authorization);
    if (remembered) return remembered;
    const bearer = /^Bearer ([\x21-\x7e]{1,4096})$/i.exec(authorization ?? "")?.[1];
    if (!bearer) throw authenticationFailed();
    if (bearer.startsWith("wdn_")) return this.fromCredential(bearer);
    if (options.allowTokens === false) throw authenticationFailed();
    return this.fromToken(bearer);
  }

  private async fromCredential(secret: string): Promise<AgentIdentity> {
    const prefix = credentialPrefix(secret);
    if (!prefix) throw authenticationFailed();
    const orgId = await this.policy.orgForCredentialPrefix(prefix);
    if (!orgId) throw authenticationFailed();
    const since = performance.now();
    let snapshot = await this.policy.get(orgId);
    if (snapshot && !snapshot.credentialsByPrefix.has(prefix))
      snapshot = await this.policy.refresh(orgId, since);
    const credential = snapshot?.credentialsByPrefix.get(prefix);
    if (!snapshot || !credential) throw authenticationFailed();
    if (!secretMatchesHash(secret, credential.secretHash)) throw authenticationFailed();
    if (!credentialIsUsable(credential) || !snapshot.agents.has(credential.agentId))
      throw authenticationFailed();
    return this.credentialIdentity(orgId, snapshot, credential);
  }

  /** The identity of a credential that passed every check (its use is recorded for last_used_at). */
  private credentialIdentity(
    orgId: string,
    snapshot: PolicySnapshot,
    credential: CredentialPolicy,
  ): AgentIdentity {
    this.usedCredentials.add(credential.id);
    return {
      orgId,
      agentId: credential.agentId,
      credentialId: credential.id,
      snapshot,
      via: "credential",
      tokenEnvironmentId: null,
    };
  }

  private async fromToken(token: string): Promise<AgentIdentity> {
    const nowSeconds = Date.now() / 1000;
    let claims = this.verifiedTokens.get(token);
    // A cached verification stands until the token expires or its signing key is retired.
    if (claims && (claims.expiresAt <= nowSeconds || !(await this.keys.trusts(claims.keyId)))) {
      this.verifiedTokens.delete(token);
      claims = undefined;
    }
    if (!claims) {
      const verified = await this.keys.verify(token);
      if (!verified) throw authenticationFailed();
      claims = verified;
      if (this.verifiedTokens.size >= TOKEN_CACHE_LIMIT) this.verifiedTokens.clear();
      this.verifiedTokens.set(token, claims);
    }
    const since = performance.now();
    let snapshot = await this.policy.get(claims.orgId);
    if (snapshot && !snapshot.credentialsById.has(claims.credentialId)) {
      snapshot = await this.policy.refresh(claims.orgId, since);
    }
    const credential = snapshot?.credentialsById.get(claims.credentialId);
    if (!snapshot || !credential || credential.agentId !== claims.agentId) throw authenticationFailed();
    if (!credentialIsUsable(credential) || !snapshot.agents.has(claims.agentId)) throw authenticationFailed();
    if (tokenRevokedBySwitch(snapshot, claims.agentId, claims.issuedAt)) throw authenticationFailed();
    this.usedCredentials.add(credential.id);
    return {
      orgId: claims.orgId,
      agentId: claims.agentId,
      credentialId: credential.id,
      snapshot,
      via: "token",
      tokenEnvironmentId: claims.environmentId,
    };
  }
}
