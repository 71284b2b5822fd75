-- POST /api/plans idempotency: a retry with the same agent and key answers with the same plan.
-- NULL keys never collide (a plan submitted without a key), as in a plain unique index.
ALTER TABLE "plans" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "request_hash" TEXT;

CREATE UNIQUE INDEX "plans_agent_id_idempotency_key_key" ON "plans"("agent_id", "idempotency_key");
