-- Change requests (widening a production agent's scope waits for security's sign-off) and the
-- notification outbox (approval.requested / approval.decided to Slack and signed webhooks).

-- A change request keeps what it touched when it was asked (approval re-checks it, and refuses
-- with a conflict if the agent changed meanwhile), a readable summary, who asked in words (the
-- command line has no member), and a key that makes a second identical request a no-op.
DROP INDEX "change_requests_agent_id_idx";

ALTER TABLE "change_requests" ADD COLUMN     "before" JSONB,
ADD COLUMN     "dedupe_key" TEXT NOT NULL,
ADD COLUMN     "requested_by_label" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "summary" TEXT NOT NULL DEFAULT '';

CREATE INDEX "change_requests_agent_id_status_idx" ON "change_requests"("agent_id", "status");

CREATE INDEX "change_requests_agent_id_dedupe_key_idx" ON "change_requests"("agent_id", "dedupe_key");

-- One outbox row per channel + event + approval: two job instances discovering the same approval
-- insert it once (ON CONFLICT DO NOTHING), so nobody is notified twice.
DROP INDEX "notification_deliveries_channel_id_idx";

ALTER TABLE "notification_deliveries" ADD COLUMN     "approval_id" TEXT;

CREATE INDEX "notification_deliveries_channel_id_created_at_idx" ON "notification_deliveries"("channel_id", "created_at");

CREATE UNIQUE INDEX "notification_deliveries_channel_id_event_approval_id_key" ON "notification_deliveries"("channel_id", "event", "approval_id");

-- The notification job's watermarks scan new and newly decided approvals across orgs.
CREATE INDEX "approvals_created_at_idx" ON "approvals"("created_at");

CREATE INDEX "approvals_decided_at_idx" ON "approvals"("decided_at");
