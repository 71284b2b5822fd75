-- Audit search, signed checkpoints and payload governance (issue 5, items 3 and 6).

-- A purged decision keeps the digest of its params (what its chain hash covers) so that the
-- chain still verifies once the payload is gone.
ALTER TABLE "decisions" ADD COLUMN "params_digest" TEXT;

-- An org's own keys: the HMAC key of redaction fingerprints and the Ed25519 checkpoint key.
CREATE TABLE "org_keys" (
    "id" TEXT NOT NULL DEFAULT ('key_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "org_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "public_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "org_keys_org_id_purpose_key" ON "org_keys"("org_id", "purpose");
ALTER TABLE "org_keys" ADD CONSTRAINT "org_keys_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Audit search filters (each with the time order the search pages by).
CREATE INDEX "audit_events_org_id_actor_label_created_at_idx" ON "audit_events"("org_id", "actor_label", "created_at");
CREATE INDEX "decisions_org_id_tool_created_at_idx" ON "decisions"("org_id", "tool", "created_at");
CREATE INDEX "decisions_org_id_reason_code_created_at_idx" ON "decisions"("org_id", "reason_code", "created_at");

-- Decisions stay append-only with exactly one exception, the retention purge: `params` set to
-- NULL while `params_digest` is set (from NULL) and every other column is unchanged. The chain
-- hash covers the params' digest, not the params, so the purged row still verifies; a purge that
-- lied about the digest breaks the chain at that record. DELETE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION warden_decisions_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.params IS NOT NULL AND NEW.params IS NULL
     AND OLD.params_digest IS NULL AND NEW.params_digest IS NOT NULL
     AND (to_jsonb(NEW) - 'params' - 'params_digest') = (to_jsonb(OLD) - 'params' - 'params_digest') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'warden: % on % is not allowed: the audit trail is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER "decisions_append_only" ON "decisions";
CREATE TRIGGER "decisions_append_only"
  BEFORE UPDATE OR DELETE ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION warden_decisions_guard();
