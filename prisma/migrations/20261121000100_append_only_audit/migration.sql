-- The audit trail is append-only: the application can insert decisions and audit events but
-- never change or remove them. A tampering attempt through the application's role fails here;
-- one made around it (a superuser) is caught by the hash chain (`warden audit verify`).
CREATE OR REPLACE FUNCTION warden_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'warden: % on % is not allowed: the audit trail is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION warden_refuse_audit_change();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION warden_refuse_audit_change();

CREATE TRIGGER decisions_append_only
  BEFORE UPDATE OR DELETE ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION warden_refuse_audit_change();
CREATE TRIGGER decisions_no_truncate
  BEFORE TRUNCATE ON "decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION warden_refuse_audit_change();
