// The approval queue cap through the real built server: an agent may hold at most N pending
// approvals (its max_pending_approvals); beyond that /api/decide answers APPROVAL_QUEUE_FULL.
import { expect, test } from "@playwright/test";
import { WardenClient } from "../../sdk/index";
import { createApprovalAgent, mergeAction } from "../ui/approvals-support";
import { sql } from "./runtime-support";

test("an agent cannot queue more pending approvals than its cap (APPROVAL_QUEUE_FULL)", async ({
  baseURL,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-queue", maxPendingApprovals: 2 });
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  const first = await warden.decide(mergeAction(1));
  const second = await warden.decide(mergeAction(2));
  expect([first.decision, second.decision]).toEqual(["require_approval", "require_approval"]);

  const third = await warden.decide(mergeAction(3));
  expect(third).toMatchObject({ decision: "deny", reason: { code: "APPROVAL_QUEUE_FULL" } });
  expect(third.approval ?? null).toBeNull();
  const pending = await sql<{ n: number }>(
    "SELECT count(*)::int AS n FROM approvals WHERE agent_id = $1 AND status = 'PENDING'",
    [agent.id],
  );
  expect(pending[0]?.n).toBe(2);

  // Once one is decided, there is room again.
  await sql(
    "UPDATE approvals SET status = 'DENIED', decided_at = now(), version = version + 1 WHERE id = $1",
    [first.approval!.id],
  );
  const fourth = await warden.decide(mergeAction(4));
  expect(fourth.decision).toBe("require_approval");
});
