// Shared by the kill switch's integration tests: pending approvals and runtime tokens.
import { db } from "@/server/db";
import { call } from "@/server/runtime/__tests__/runtime-calls";

export async function pendingApproval(orgId: string, agentId: string): Promise<string> {
  const approval = await db.approval.create({
    data: {
      orgId,
      agentId,
      actionHash: `hash-${Math.random()}`,
      action: { tool: "github", operation: "pulls.merge" },
      ruleReason: "Merges need a human.",
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  return approval.id;
}

export async function tokenFor(url: string, secret: string): Promise<string> {
  const answer = await call<{ token: string }>(url, "POST", "/api/token", { bearer: secret });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

/** Wait until the wall clock is in a later second than `instant` (JWT `iat` has whole seconds). */
export async function nextSecondAfter(instant: Date): Promise<void> {
  const wait = (Math.floor(instant.getTime() / 1000) + 1) * 1000 - Date.now() + 20;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
