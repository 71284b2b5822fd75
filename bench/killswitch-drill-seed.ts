// The drill's fleet: one org (a unique slug, so the drill can share a database with tests) with an
// agent whose grant allows every GitHub operation, a high quota and a credential.
import { randomBytes } from "node:crypto";
import type { Db } from "../server/db";
import { generateCredentialSecret } from "../server/domain/credentials/secret";
import { bumpPolicyVersion } from "../server/domain/policy/bump-policy-version";

export type DrillFleet = { orgId: string; agentId: string; environmentId: string; secret: string };

export async function seedDrill(db: Db): Promise<DrillFleet> {
  const tag = randomBytes(4).toString("hex");
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({
      data: { slug: `drill-${tag}`, name: `Kill switch drill ${tag}` },
    });
    const environment = await tx.environment.create({
      data: { orgId: org.id, name: "prod", isProduction: true },
    });
    const user = await tx.user.create({ data: { email: `owner-${tag}@drill.test`, name: "Drill Owner" } });
    const owner = await tx.member.create({ data: { orgId: org.id, userId: user.id, roles: ["OWNER"] } });
    const tool = await tx.tool.create({ data: { orgId: org.id, name: "github" } });
    await tx.operation.create({
      data: { orgId: org.id, toolId: tool.id, name: "pulls.merge", effect: "WRITE" },
    });
    const agent = await tx.agent.create({
      data: {
        orgId: org.id,
        name: "drill-bot",
        ownerId: owner.id,
        environmentId: environment.id,
        autonomy: 3,
      },
    });
    await tx.grant.create({
      data: {
        orgId: org.id,
        agentId: agent.id,
        operationPattern: "github:*",
        resourcePatterns: ["repo:drill/*"],
      },
    });
    await tx.quota.create({
      data: { orgId: org.id, agentId: agent.id, metric: "calls", window: "day", limit: 1_000_000_000n },
    });
    const { secret, prefix, secretHash } = generateCredentialSecret();
    await tx.credential.create({ data: { orgId: org.id, agentId: agent.id, prefix, secretHash } });
    await bumpPolicyVersion(tx, org.id);
    return { orgId: org.id, agentId: agent.id, environmentId: environment.id, secret };
  });
}
