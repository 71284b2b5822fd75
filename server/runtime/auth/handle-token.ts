import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { agentStateDenial } from "../../domain/decide/agent-state-denial";
import { parseStrictJson } from "../../domain/decide/parse-strict-json";
import { AppError } from "../../domain/errors";
import { readBody, sendError, sendJson } from "../http-util";
import { authenticationFailed, type AgentAuthenticator } from "./authenticate-agent";
import { sendRefusal } from "./stopped-agent";
import { MAX_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE, type SigningKeys } from "./signing-keys";

const tokenRequestSchema = z.strictObject({
  /** `warden:decide` (default) or the org's id. */
  audience: z.string().min(1).max(100).optional(),
  ttlSeconds: z.number().int().min(60).max(MAX_TOKEN_TTL_SECONDS).optional(),
});

export type TokenDeps = { auth: AgentAuthenticator; keys: SigningKeys };

/**
 * POST /api/token: exchange a credential (never a token: a token cannot extend itself) for a
 * short-lived JWT bound to an audience and to the agent's environment.
 */
export async function handleToken(req: IncomingMessage, res: ServerResponse, deps: TokenDeps): Promise<void> {
  if (req.method !== "POST") {
    sendJson(
      res,
      405,
      { error: { code: "INVALID_REQUEST", message: "Use POST for /api/token." } },
      { allow: "POST" },
    );
    return;
  }
  try {
    const raw = (await readBody(req, 4096)).toString("utf8").trim();
    const identity = await deps.auth.authenticate(req.headers.authorization, { allowTokens: false });
    let body: z.infer<typeof tokenRequestSchema> = {};
    if (raw.length > 0) {
      const parsed = parseStrictJson(raw);
      const result = parsed.ok ? tokenRequestSchema.safeParse(parsed.value) : null;
      if (!result?.success) {
        throw new AppError(
          "INVALID_REQUEST",
          'The body may only hold "audience" ("warden:decide" or your org id) and "ttlSeconds" (60–900).',
        );
      }
      body = result.data;
    }
    const audience = body.audience ?? TOKEN_AUDIENCE;
    if (audience !== TOKEN_AUDIENCE && audience !== identity.orgId) {
      throw new AppError(
        "INVALID_REQUEST",
        `The audience must be "${TOKEN_AUDIENCE}" or your organization's id.`,
      );
    }
    const agent = identity.snapshot.agents.get(identity.agentId);
    if (!agent || agent.status === "DECOMMISSIONED") throw authenticationFailed();
    // A stopped agent gets no token: one issued now would outlive the kill switch's revocation
    // instant and work again the moment the agent is resumed.
    const stopped = agentStateDenial(identity.snapshot, identity.agentId);
    if (stopped) return sendRefusal(res, stopped);
    const ttl = body.ttlSeconds ?? MAX_TOKEN_TTL_SECONDS;
    const { token, expiresAt } = await deps.keys.sign(
      {
        agentId: agent.id,
        orgId: identity.orgId,
        credentialId: identity.credentialId,
        environmentId: agent.environmentId,
        audience,
      },
      ttl,
    );
    sendJson(res, 200, {
      token,
      tokenType: "Bearer",
      audience,
      expiresIn: ttl,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    });
  } catch (error) {
    if (error instanceof AppError) return sendError(res, error);
    // Key storage failures: the caller can retry; nothing was issued.
    return sendError(res, new AppError("STORE_UNAVAILABLE", "No token was issued.", { cause: error }));
  }
}

/** GET /.well-known/jwks.json: the public keys that verify agent tokens. */
export async function handleJwks(
  req: IncomingMessage,
  res: ServerResponse,
  keys: SigningKeys,
): Promise<void> {
  try {
    sendJson(res, 200, await keys.jwks(), { "cache-control": "public, max-age=300" });
  } catch (error) {
    sendError(
      res,
      error instanceof AppError
        ? error
        : new AppError("STORE_UNAVAILABLE", "The keys could not be read.", { cause: error }),
    );
  }
}
