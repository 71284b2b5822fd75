-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SECURITY', 'OWNER', 'AUDITOR');

-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('ACTIVE', 'PAUSED', 'DECOMMISSIONED');

-- CreateEnum
CREATE TYPE "EffectClass" AS ENUM ('READ', 'WRITE', 'DELETE', 'SPEND', 'ADMIN');

-- CreateEnum
CREATE TYPE "ToolSource" AS ENUM ('MANUAL', 'MCP', 'FLEET');

-- CreateEnum
CREATE TYPE "ApprovalMode" AS ENUM ('NEVER', 'ALWAYS', 'WHEN');

-- CreateEnum
CREATE TYPE "QuotaMetric" AS ENUM ('calls', 'writes', 'spendCents', 'tokens');

-- CreateEnum
CREATE TYPE "QuotaWindow" AS ENUM ('run', 'hour', 'day');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('ALLOW', 'DENY', 'REQUIRE_APPROVAL');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'CANCELLED', 'CONSUMED');

-- CreateEnum
CREATE TYPE "Vote" AS ENUM ('APPROVE', 'DENY');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'CANCELLED', 'EXHAUSTED');

-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RunEventKind" AS ENUM ('OUTCOME', 'SIDE_EFFECT', 'ERROR', 'MODEL_CALL', 'NOTE');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'AGENT', 'SYSTEM', 'CLI');

-- CreateEnum
CREATE TYPE "KillSwitchScope" AS ENUM ('AGENT', 'ENVIRONMENT', 'ORG');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'MITIGATED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "IncidentEntryKind" AS ENUM ('NOTE', 'KILL_SWITCH', 'AGENT', 'RUN', 'DECISION', 'APPROVAL', 'STATUS');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('SLACK', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateEnum
CREATE TYPE "RedactionMode" AS ENUM ('REDACT', 'FINGERPRINT');

-- CreateEnum
CREATE TYPE "PayloadPart" AS ENUM ('PARAMS', 'RESULT');

-- CreateEnum
CREATE TYPE "RollupGranularity" AS ENUM ('MINUTE', 'HOUR');

-- CreateTable
CREATE TABLE "organizations" (
    "id" TEXT NOT NULL DEFAULT ('org_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "frozen_at" TIMESTAMPTZ(3),
    "frozen_reason" TEXT,
    "policy_version" INTEGER NOT NULL DEFAULT 1,
    "retention_days" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL DEFAULT ('usr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL DEFAULT ('acc_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "user_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "members" (
    "id" TEXT NOT NULL DEFAULT ('mem_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "roles" "Role"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environments" (
    "id" TEXT NOT NULL DEFAULT ('env_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_production" BOOLEAN NOT NULL DEFAULT false,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "frozen_at" TIMESTAMPTZ(3),
    "frozen_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agents" (
    "id" TEXT NOT NULL DEFAULT ('agt_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT '',
    "owner_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "autonomy" INTEGER NOT NULL DEFAULT 1,
    "status" "AgentStatus" NOT NULL DEFAULT 'ACTIVE',
    "status_reason" TEXT,
    "parent_id" TEXT,
    "max_pending_approvals" INTEGER NOT NULL DEFAULT 20,
    "drift_settings" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "paused_at" TIMESTAMPTZ(3),
    "decommissioned_at" TIMESTAMPTZ(3),

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credentials" (
    "id" TEXT NOT NULL DEFAULT ('crd_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "replaced_by_id" TEXT,

    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tools" (
    "id" TEXT NOT NULL DEFAULT ('tool_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" "ToolSource" NOT NULL DEFAULT 'MANUAL',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operations" (
    "id" TEXT NOT NULL DEFAULT ('op_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "tool_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "effect" "EffectClass" NOT NULL,
    "input_schema" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grants" (
    "id" TEXT NOT NULL DEFAULT ('grt_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "operation_pattern" TEXT NOT NULL,
    "resource_patterns" TEXT[],
    "params_schema" JSONB,
    "approval_mode" "ApprovalMode" NOT NULL DEFAULT 'NEVER',
    "approval_when" JSONB,
    "approvers" INTEGER NOT NULL DEFAULT 1,
    "approval_ttl_seconds" INTEGER NOT NULL DEFAULT 600,
    "expires_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quotas" (
    "id" TEXT NOT NULL DEFAULT ('quo_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "metric" "QuotaMetric" NOT NULL,
    "window" "QuotaWindow" NOT NULL,
    "limit" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "quotas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota_usages" (
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "metric" "QuotaMetric" NOT NULL,
    "window" "QuotaWindow" NOT NULL,
    "window_key" TEXT NOT NULL,
    "used" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quota_usages_pkey" PRIMARY KEY ("agent_id","metric","window","window_key")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" TEXT NOT NULL DEFAULT ('run_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "trigger" JSONB,
    "on_behalf_of" TEXT,
    "model_provider" TEXT,
    "model_name" TEXT,
    "system_prompt_hash" TEXT,
    "tool_schema_version" TEXT,
    "summary" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "run_id" TEXT,
    "credential_id" TEXT,
    "tool" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "params" JSONB,
    "action_hash" TEXT NOT NULL,
    "effect" "EffectClass",
    "outcome" "DecisionOutcome" NOT NULL,
    "reason_code" TEXT NOT NULL,
    "reason_message" TEXT NOT NULL,
    "grant_id" TEXT,
    "approval_id" TEXT,
    "plan_id" TEXT,
    "policy_version" INTEGER NOT NULL,
    "latency_micros" INTEGER NOT NULL DEFAULT 0,
    "spend_cents" BIGINT NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "on_behalf_of" TEXT,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "response" JSONB,
    "chain_key" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approvals" (
    "id" TEXT NOT NULL DEFAULT ('apr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "run_id" TEXT,
    "decision_id" TEXT,
    "grant_id" TEXT,
    "plan_id" TEXT,
    "action_hash" TEXT NOT NULL,
    "action" JSONB NOT NULL,
    "effect" "EffectClass",
    "rule_reason" TEXT NOT NULL,
    "on_behalf_of" TEXT,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "required_approvers" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "consumed_at" TIMESTAMPTZ(3),
    "consumed_by_decision_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_votes" (
    "id" TEXT NOT NULL DEFAULT ('vot_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "approval_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "vote" "Vote" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "shown" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_votes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" TEXT NOT NULL DEFAULT ('pln_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "run_id" TEXT,
    "steps" JSONB NOT NULL,
    "budget" JSONB NOT NULL,
    "used" JSONB NOT NULL DEFAULT '{}',
    "status" "PlanStatus" NOT NULL DEFAULT 'PENDING',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_requests" (
    "id" TEXT NOT NULL DEFAULT ('chg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'PENDING',
    "requested_by_id" TEXT,
    "decided_by_id" TEXT,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "change_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_events" (
    "id" TEXT NOT NULL DEFAULT ('rev_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "decision_id" TEXT,
    "kind" "RunEventKind" NOT NULL,
    "status" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "result_digest" TEXT,
    "external_url" TEXT,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL DEFAULT ('aud_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "chain_key" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_heads" (
    "chain_key" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chain_heads_pkey" PRIMARY KEY ("chain_key")
);

-- CreateTable
CREATE TABLE "chain_checkpoints" (
    "id" TEXT NOT NULL DEFAULT ('chk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "heads" JSONB NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chain_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kill_switches" (
    "id" TEXT NOT NULL DEFAULT ('ksw_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "scope" "KillSwitchScope" NOT NULL,
    "target_id" TEXT,
    "reason" TEXT NOT NULL,
    "engaged_by_id" TEXT,
    "engaged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "released_by_id" TEXT,
    "released_at" TIMESTAMPTZ(3),
    "release_reason" TEXT,

    CONSTRAINT "kill_switches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" TEXT NOT NULL DEFAULT ('inc_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'high',
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "opened_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_entries" (
    "id" TEXT NOT NULL DEFAULT ('ine_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "kind" "IncidentEntryKind" NOT NULL,
    "ref_id" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "author_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_channels" (
    "id" TEXT NOT NULL DEFAULT ('nch_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "environment_id" TEXT,
    "kind" "NotificationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "signing_secret" TEXT,
    "events" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" TEXT NOT NULL DEFAULT ('ndl_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "redaction_rules" (
    "id" TEXT NOT NULL DEFAULT ('red_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "tool_id" TEXT NOT NULL,
    "part" "PayloadPart" NOT NULL,
    "paths" TEXT[],
    "mode" "RedactionMode" NOT NULL DEFAULT 'REDACT',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "redaction_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_rollups" (
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "granularity" "RollupGranularity" NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "allows" INTEGER NOT NULL DEFAULT 0,
    "denies" INTEGER NOT NULL DEFAULT 0,
    "approvals_required" INTEGER NOT NULL DEFAULT 0,
    "approvals_granted" INTEGER NOT NULL DEFAULT 0,
    "approvals_denied" INTEGER NOT NULL DEFAULT 0,
    "by_effect" JSONB NOT NULL DEFAULT '{}',
    "by_operation" JSONB NOT NULL DEFAULT '{}',
    "runs" INTEGER NOT NULL DEFAULT 0,
    "spend_cents" BIGINT NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "new_resources" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "agent_rollups_pkey" PRIMARY KEY ("agent_id","granularity","bucket_start")
);

-- CreateTable
CREATE TABLE "seen_resources" (
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seen_resources_pkey" PRIMARY KEY ("agent_id","resource")
);

-- CreateTable
CREATE TABLE "drift_alerts" (
    "id" TEXT NOT NULL DEFAULT ('dft_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "evidence" JSONB NOT NULL,
    "auto_demoted" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),

    CONSTRAINT "drift_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_provider_provider_account_id_key" ON "accounts"("provider", "provider_account_id");

-- CreateIndex
CREATE INDEX "members_user_id_idx" ON "members"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "members_org_id_user_id_key" ON "members"("org_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "environments_org_id_name_key" ON "environments"("org_id", "name");

-- CreateIndex
CREATE INDEX "agents_org_id_environment_id_idx" ON "agents"("org_id", "environment_id");

-- CreateIndex
CREATE INDEX "agents_org_id_status_idx" ON "agents"("org_id", "status");

-- CreateIndex
CREATE INDEX "agents_owner_id_idx" ON "agents"("owner_id");

-- CreateIndex
CREATE INDEX "agents_parent_id_idx" ON "agents"("parent_id");

-- CreateIndex
CREATE INDEX "agents_environment_id_idx" ON "agents"("environment_id");

-- CreateIndex
CREATE UNIQUE INDEX "agents_org_id_name_key" ON "agents"("org_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "credentials_prefix_key" ON "credentials"("prefix");

-- CreateIndex
CREATE INDEX "credentials_agent_id_idx" ON "credentials"("agent_id");

-- CreateIndex
CREATE INDEX "credentials_org_id_created_at_idx" ON "credentials"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "tools_org_id_name_key" ON "tools"("org_id", "name");

-- CreateIndex
CREATE INDEX "operations_org_id_idx" ON "operations"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "operations_tool_id_name_key" ON "operations"("tool_id", "name");

-- CreateIndex
CREATE INDEX "grants_agent_id_idx" ON "grants"("agent_id");

-- CreateIndex
CREATE INDEX "grants_org_id_idx" ON "grants"("org_id");

-- CreateIndex
CREATE INDEX "quotas_org_id_idx" ON "quotas"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "quotas_agent_id_metric_window_key" ON "quotas"("agent_id", "metric", "window");

-- CreateIndex
CREATE INDEX "quota_usages_org_id_idx" ON "quota_usages"("org_id");

-- CreateIndex
CREATE INDEX "runs_org_id_started_at_idx" ON "runs"("org_id", "started_at");

-- CreateIndex
CREATE INDEX "runs_agent_id_started_at_idx" ON "runs"("agent_id", "started_at");

-- CreateIndex
CREATE INDEX "decisions_org_id_created_at_idx" ON "decisions"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "decisions_agent_id_created_at_idx" ON "decisions"("agent_id", "created_at");

-- CreateIndex
CREATE INDEX "decisions_run_id_created_at_idx" ON "decisions"("run_id", "created_at");

-- CreateIndex
CREATE INDEX "decisions_approval_id_idx" ON "decisions"("approval_id");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_agent_id_idempotency_key_key" ON "decisions"("agent_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_chain_key_seq_key" ON "decisions"("chain_key", "seq");

-- CreateIndex
CREATE INDEX "approvals_org_id_status_created_at_idx" ON "approvals"("org_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "approvals_agent_id_status_idx" ON "approvals"("agent_id", "status");

-- CreateIndex
CREATE INDEX "approvals_run_id_idx" ON "approvals"("run_id");

-- CreateIndex
CREATE INDEX "approvals_plan_id_idx" ON "approvals"("plan_id");

-- CreateIndex
CREATE INDEX "approval_votes_member_id_idx" ON "approval_votes"("member_id");

-- CreateIndex
CREATE INDEX "approval_votes_org_id_created_at_idx" ON "approval_votes"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "approval_votes_approval_id_member_id_key" ON "approval_votes"("approval_id", "member_id");

-- CreateIndex
CREATE INDEX "plans_agent_id_status_idx" ON "plans"("agent_id", "status");

-- CreateIndex
CREATE INDEX "plans_org_id_created_at_idx" ON "plans"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "plans_run_id_idx" ON "plans"("run_id");

-- CreateIndex
CREATE INDEX "change_requests_org_id_status_created_at_idx" ON "change_requests"("org_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "change_requests_agent_id_idx" ON "change_requests"("agent_id");

-- CreateIndex
CREATE INDEX "run_events_run_id_created_at_idx" ON "run_events"("run_id", "created_at");

-- CreateIndex
CREATE INDEX "run_events_org_id_created_at_idx" ON "run_events"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "run_events_decision_id_idx" ON "run_events"("decision_id");

-- CreateIndex
CREATE INDEX "run_events_agent_id_idx" ON "run_events"("agent_id");

-- CreateIndex
CREATE INDEX "audit_events_org_id_created_at_idx" ON "audit_events"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_org_id_target_type_target_id_idx" ON "audit_events"("org_id", "target_type", "target_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_chain_key_seq_key" ON "audit_events"("chain_key", "seq");

-- CreateIndex
CREATE INDEX "chain_heads_org_id_idx" ON "chain_heads"("org_id");

-- CreateIndex
CREATE INDEX "chain_checkpoints_org_id_created_at_idx" ON "chain_checkpoints"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "kill_switches_org_id_engaged_at_idx" ON "kill_switches"("org_id", "engaged_at");

-- CreateIndex
CREATE INDEX "incidents_org_id_status_created_at_idx" ON "incidents"("org_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "incident_entries_incident_id_created_at_idx" ON "incident_entries"("incident_id", "created_at");

-- CreateIndex
CREATE INDEX "incident_entries_org_id_idx" ON "incident_entries"("org_id");

-- CreateIndex
CREATE INDEX "incident_entries_author_id_idx" ON "incident_entries"("author_id");

-- CreateIndex
CREATE INDEX "notification_channels_org_id_idx" ON "notification_channels"("org_id");

-- CreateIndex
CREATE INDEX "notification_channels_environment_id_idx" ON "notification_channels"("environment_id");

-- CreateIndex
CREATE INDEX "notification_deliveries_status_next_attempt_at_idx" ON "notification_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_deliveries_channel_id_idx" ON "notification_deliveries"("channel_id");

-- CreateIndex
CREATE INDEX "notification_deliveries_org_id_created_at_idx" ON "notification_deliveries"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "redaction_rules_org_id_idx" ON "redaction_rules"("org_id");

-- CreateIndex
CREATE INDEX "redaction_rules_tool_id_idx" ON "redaction_rules"("tool_id");

-- CreateIndex
CREATE INDEX "agent_rollups_org_id_granularity_bucket_start_idx" ON "agent_rollups"("org_id", "granularity", "bucket_start");

-- CreateIndex
CREATE INDEX "seen_resources_org_id_idx" ON "seen_resources"("org_id");

-- CreateIndex
CREATE INDEX "drift_alerts_org_id_created_at_idx" ON "drift_alerts"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "drift_alerts_agent_id_created_at_idx" ON "drift_alerts"("agent_id", "created_at");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "members" ADD CONSTRAINT "members_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "members" ADD CONSTRAINT "members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "environments" ADD CONSTRAINT "environments_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tools" ADD CONSTRAINT "tools_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operations" ADD CONSTRAINT "operations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operations" ADD CONSTRAINT "operations_tool_id_fkey" FOREIGN KEY ("tool_id") REFERENCES "tools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grants" ADD CONSTRAINT "grants_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grants" ADD CONSTRAINT "grants_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_usages" ADD CONSTRAINT "quota_usages_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota_usages" ADD CONSTRAINT "quota_usages_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_votes" ADD CONSTRAINT "approval_votes_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_votes" ADD CONSTRAINT "approval_votes_approval_id_fkey" FOREIGN KEY ("approval_id") REFERENCES "approvals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_votes" ADD CONSTRAINT "approval_votes_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chain_checkpoints" ADD CONSTRAINT "chain_checkpoints_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kill_switches" ADD CONSTRAINT "kill_switches_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "redaction_rules" ADD CONSTRAINT "redaction_rules_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "redaction_rules" ADD CONSTRAINT "redaction_rules_tool_id_fkey" FOREIGN KEY ("tool_id") REFERENCES "tools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_rollups" ADD CONSTRAINT "agent_rollups_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_rollups" ADD CONSTRAINT "agent_rollups_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seen_resources" ADD CONSTRAINT "seen_resources_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seen_resources" ADD CONSTRAINT "seen_resources_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drift_alerts" ADD CONSTRAINT "drift_alerts_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

