import type { DbOrTx } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { credentialState } from "./credential-state";
import { maskedCredential } from "./secret";

/** An agent's credentials, newest first, by prefix only. */
export async function listCredentials(db: DbOrTx, member: MemberContext, input: { agentId: string }) {
  authorize(member, "org:read");
  const agent = await db.agent.findFirst({
    where: { id: input.agentId, orgId: member.orgId },
    select: { id: true },
  });
  if (!agent) throw notFound("This agent");
  const credentials = await db.credential.findMany({
    where: { orgId: member.orgId, agentId: agent.id },
    select: {
      id: true,
      prefix: true,
      label: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      revokedReason: true,
      lastUsedAt: true,
      replacedById: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const now = new Date();
  return credentials.map((credential) => ({
    ...credential,
    masked: maskedCredential(credential.prefix),
    state: credentialState(credential, now),
  }));
}
