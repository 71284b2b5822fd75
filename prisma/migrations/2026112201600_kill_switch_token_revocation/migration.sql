-- Kill switch: tokens (JWTs) issued before these instants are refused for the agent, the
-- environment's agents, or every agent of the org. Resuming does not clear them.
ALTER TABLE "agents" ADD COLUMN "tokens_revoked_before" TIMESTAMPTZ(3);
ALTER TABLE "environments" ADD COLUMN "tokens_revoked_before" TIMESTAMPTZ(3);
ALTER TABLE "organizations" ADD COLUMN "tokens_revoked_before" TIMESTAMPTZ(3);

-- What a switch's target was before it (restored on release); engaged switches are found by
-- released_at IS NULL.
ALTER TABLE "kill_switches" ADD COLUMN "prior_state" JSONB;
CREATE INDEX "kill_switches_org_id_released_at_idx" ON "kill_switches"("org_id", "released_at");
