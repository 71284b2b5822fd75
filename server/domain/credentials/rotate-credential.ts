import { z } from "zod";
import type { Tx } from "../../db";
import { parseField } from "../agents/agent-fields";
import type { ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import {
  createCredentialRecord,
  credentialAuditSnapshot,
  credentialView,
  lockCredentialForChange,
  type CredentialView,
} from "./credential-records";
import { credentialState } from "./credential-state";

/** A week: long enough to roll a new secret out to every runtime, short enough to matter. */
export const MAX_GRACE_SECONDS = 604_800;

export const graceSecondsSchema = z
  .number()
  .int("The grace period is a whole number of seconds.")
  .min(0, "The grace period cannot be negative.")
  .max(MAX_GRACE_SECONDS, "The grace period can be at most 7 days (604800 seconds).");

export type RotateCredentialInput = ChangeContext & {
  credentialId: string;
  graceSeconds: number;
  /** The old secret leaked: it stops working now, whatever grace was asked for. */
  compromised?: boolean;
};

export type RotateCredentialResult = {
  credential: CredentialView;
  secret: string;
  replaced: { id: string; expiresAt: Date | null; revokedAt: Date | null };
};

/**
 * Replace a credential with a new one. The old secret keeps working for the grace period, so
 * runtimes can switch without downtime; with no grace, or when it is compromised, it is revoked
 * at once. Rotation never extends the old secret's life beyond its own expiry.
 */
export async function rotateCredential(
  tx: Tx,
  input: RotateCredentialInput,
): Promise<RotateCredentialResult> {
  const compromised = input.compromised ?? false;
  const graceSeconds = compromised ? 0 : parseField(graceSecondsSchema, input.graceSeconds, "graceSeconds");
  const { credential: old } = await lockCredentialForChange(tx, input, input.credentialId);
  const now = new Date();

  const state = credentialState(old, now);
  if (state !== "active") throw new AppError("PRECONDITION_FAILED", NOT_ROTATABLE[state]);

  // The replacement lives as long as the old one was meant to, counted from now.
  const lifetimeMs = old.expiresAt ? old.expiresAt.getTime() - old.createdAt.getTime() : null;
  const { credential, secret } = await createCredentialRecord(tx, input, {
    agentId: old.agentId,
    label: old.label,
    expiresAt: lifetimeMs === null ? null : new Date(now.getTime() + lifetimeMs),
  });

  const graceEnd = new Date(now.getTime() + graceSeconds * 1000);
  const expiresAt = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
  const replaced = await tx.credential.update({
    where: { id: old.id },
    data: {
      replacedById: credential.id,
      expiresAt,
      ...(graceSeconds === 0
        ? {
            revokedAt: now,
            revokedReason: compromised
              ? "Compromised: replaced by rotation and revoked at once."
              : "Replaced by rotation with no grace period.",
          }
        : {}),
    },
    omit: { secretHash: true },
  });

  await writeAuditEvent(tx, {
    orgId: input.orgId,
    actor: input.actor,
    action: "credential.rotated",
    targetType: "credential",
    targetId: old.id,
    before: credentialAuditSnapshot(old),
    after: {
      ...credentialAuditSnapshot(replaced),
      graceSeconds,
      compromised,
      replacement: credentialAuditSnapshot(credential),
    },
  });
  await bumpPolicyVersion(tx, input.orgId);
  return {
    credential: credentialView(credential),
    secret,
    replaced: { id: replaced.id, expiresAt: replaced.expiresAt, revokedAt: replaced.revokedAt },
  };
}

const NOT_ROTATABLE: Record<"grace" | "expired" | "revoked", string> = {
  grace:
    "This credential was already rotated. Rotate its replacement, or revoke this one to end its grace period now.",
  expired: "This credential has expired, so it cannot be rotated. Issue a new credential instead.",
  revoked: "This credential was revoked, so it cannot be rotated. Issue a new credential instead.",
};
