import type { Tx } from "../../db";
import { fieldError, parseField } from "../agents/agent-fields";
import type { ChangeContext } from "../agents/change-context";
import { lockAgentForChange } from "../agents/lock-agent-for-change";
import { writeAuditEvent } from "../audit/write-audit-event";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import {
  createCredentialRecord,
  credentialAuditSnapshot,
  credentialLabelSchema,
  credentialView,
  type CredentialView,
} from "./credential-records";

export type IssueCredentialInput = ChangeContext & {
  agentId: string;
  label?: string;
  /** null or absent: the credential does not expire on its own. */
  expiresAt?: Date | null;
};

/**
 * Issue a new credential for an agent. The returned secret is the only copy: Warden keeps its
 * SHA-256 alone, so it is shown once and then never again. Usable from the console and the CLI.
 */
export async function issueCredential(
  tx: Tx,
  input: IssueCredentialInput,
): Promise<{ credential: CredentialView; secret: string }> {
  const label = parseField(credentialLabelSchema, input.label ?? "", "label");
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw fieldError("INVALID_REQUEST", "expiresAt", "A credential's expiry must be in the future.");
  }
  const agent = await lockAgentForChange(tx, input, input.agentId);
  const { credential, secret } = await createCredentialRecord(tx, input, {
    agentId: agent.id,
    label,
    expiresAt,
  });
  await writeAuditEvent(tx, {
    orgId: input.orgId,
    actor: input.actor,
    action: "credential.issued",
    targetType: "credential",
    targetId: credential.id,
    after: credentialAuditSnapshot(credential),
  });
  await bumpPolicyVersion(tx, input.orgId);
  return { credential: credentialView(credential), secret };
}
