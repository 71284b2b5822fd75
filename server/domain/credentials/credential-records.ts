import { z } from "zod";
import type { Tx } from "../../db";
import type { Agent, Credential } from "../../generated/prisma/client";
import { notFound } from "../errors";
import type { ChangeContext } from "../agents/change-context";
import { lockAgentForChange } from "../agents/lock-agent-for-change";
import { generateCredentialSecret, maskedCredential } from "./secret";

// Helpers shared by issuing, rotating and revoking credentials.

export const credentialLabelSchema = z.string().trim().max(80, "Keep the label to 80 characters or fewer.");

/** A credential as callers see it (the secret column is omitted by the client, never selected). */
export type CredentialRow = Omit<Credential, "secretHash">;

export type CredentialView = {
  id: string;
  prefix: string;
  masked: string;
  label: string;
  expiresAt: Date | null;
};

export function credentialView(credential: CredentialRow): CredentialView {
  return {
    id: credential.id,
    prefix: credential.prefix,
    masked: maskedCredential(credential.prefix),
    label: credential.label,
    expiresAt: credential.expiresAt,
  };
}

/** What the audit trail records of a credential: its public prefix and lifecycle, never the secret or its hash. */
export function credentialAuditSnapshot(credential: CredentialRow) {
  return {
    agentId: credential.agentId,
    credentialId: credential.id,
    prefix: credential.prefix,
    label: credential.label,
    expiresAt: credential.expiresAt,
    revokedAt: credential.revokedAt,
    revokedReason: credential.revokedReason,
    replacedById: credential.replacedById,
  };
}

/** Store a new credential and hand back its secret, which exists nowhere else from then on. */
export async function createCredentialRecord(
  tx: Tx,
  ctx: ChangeContext,
  input: { agentId: string; label: string; expiresAt: Date | null },
): Promise<{ credential: CredentialRow; secret: string }> {
  const { secret, prefix, secretHash } = generateCredentialSecret();
  const credential = await tx.credential.create({
    data: {
      orgId: ctx.orgId,
      agentId: input.agentId,
      prefix,
      secretHash,
      label: input.label,
      expiresAt: input.expiresAt,
      createdById: ctx.member?.id ?? ctx.actor.id,
    },
    omit: { secretHash: true },
  });
  return { credential, secret };
}

/**
 * Lock a credential and its agent for a change. The agent is locked first, as every agent change
 * does, so that a rotation and a decommission of the same agent cannot deadlock.
 */
export async function lockCredentialForChange(
  tx: Tx,
  ctx: ChangeContext,
  credentialId: string,
): Promise<{ credential: CredentialRow; agent: Agent }> {
  const found = await tx.credential.findFirst({
    where: { id: credentialId, orgId: ctx.orgId },
    select: { agentId: true },
  });
  if (!found) throw notFound("This credential");
  const agent = await lockAgentForChange(tx, ctx, found.agentId);
  await tx.$queryRaw`SELECT id FROM credentials WHERE id = ${credentialId} FOR UPDATE`;
  const credential = await tx.credential.findUniqueOrThrow({
    where: { id: credentialId },
    omit: { secretHash: true },
  });
  return { credential, agent };
}
