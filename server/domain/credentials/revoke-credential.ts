import type { Tx } from "../../db";
import { parseField, reasonSchema } from "../agents/agent-fields";
import type { ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { credentialAuditSnapshot, lockCredentialForChange, type CredentialRow } from "./credential-records";

export type RevokeCredentialInput = ChangeContext & { credentialId: string; reason: string };

/**
 * Stop a credential from working, now. Also ends a rotation's grace period early. The row is
 * kept, so decisions made with it can still be traced to it.
 */
export async function revokeCredential(tx: Tx, input: RevokeCredentialInput): Promise<CredentialRow> {
  const reason = parseField(reasonSchema, input.reason, "reason");
  const { credential } = await lockCredentialForChange(tx, input, input.credentialId);
  if (credential.revokedAt) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `This credential was already revoked on ${credential.revokedAt.toISOString()}.`,
    );
  }
  const revoked = await tx.credential.update({
    where: { id: credential.id },
    data: { revokedAt: new Date(), revokedReason: reason },
    omit: { secretHash: true },
  });
  await writeAuditEvent(tx, {
    orgId: input.orgId,
    actor: input.actor,
    action: "credential.revoked",
    targetType: "credential",
    targetId: credential.id,
    before: credentialAuditSnapshot(credential),
    after: credentialAuditSnapshot(revoked),
  });
  // Authentication caches credentials by prefix; the bump makes every instance forget this one.
  await bumpPolicyVersion(tx, input.orgId);
  return revoked;
}
