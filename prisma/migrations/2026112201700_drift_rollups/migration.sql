-- Rollups maintained by a background job (server/jobs/rollups.ts) and drift alerts' automatic response.

-- AlterTable
ALTER TABLE "drift_alerts" ADD COLUMN     "demoted_from" INTEGER,
ADD COLUMN     "restored_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "rollup_cursors" (
    "chain_key" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollup_cursors_pkey" PRIMARY KEY ("chain_key")
);

-- CreateTable
CREATE TABLE "rollup_state" (
    "id" TEXT NOT NULL,
    "caught_up_at" TIMESTAMPTZ(3) NOT NULL,
    "last_pass_at" TIMESTAMPTZ(3) NOT NULL,
    "drift_checked_at" TIMESTAMPTZ(3),

    CONSTRAINT "rollup_state_pkey" PRIMARY KEY ("id")
);

-- Adds two count maps ({"github:pulls.merge": 3, …}) key by key: how a rollup bucket absorbs the
-- counts of a new batch of decisions.
CREATE OR REPLACE FUNCTION warden_add_counts(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
  FROM (
    SELECT key, sum(value::bigint) AS total
    FROM (SELECT * FROM jsonb_each_text(coalesce(a, '{}'::jsonb))
          UNION ALL
          SELECT * FROM jsonb_each_text(coalesce(b, '{}'::jsonb))) kv
    GROUP BY key
  ) t
$$;

-- CreateIndex
CREATE INDEX "seen_resources_agent_id_first_seen_at_idx" ON "seen_resources"("agent_id", "first_seen_at");

-- The overview sums the org's buckets over the last hour or day: with the counted columns in the
-- index, those reads are index-only scans whatever the physical order of the rows (a backfill
-- scatters a day's buckets across the table). It replaces the (org, granularity, bucket) index.
DROP INDEX "agent_rollups_org_id_granularity_bucket_start_idx";
CREATE INDEX "agent_rollups_overview_idx" ON "agent_rollups"("org_id", "granularity", "bucket_start", "agent_id", "allows", "denies", "approvals_required", "spend_cents");
