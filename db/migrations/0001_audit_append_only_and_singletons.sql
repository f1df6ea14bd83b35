-- Audit rows are append-only for every role and both drivers.
CREATE OR REPLACE FUNCTION roster_audit_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION roster_audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION roster_audit_events_append_only();
--> statement-breakpoint
-- The singletons exist from the start, so every request reads (and locks) one row.
INSERT INTO "scim_settings" ("id") VALUES ('scim') ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "saml_settings" ("id") VALUES ('saml') ON CONFLICT DO NOTHING;
