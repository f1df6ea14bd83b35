CREATE TABLE "scim_identity_counts" (
	"slot" smallint PRIMARY KEY NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "scim_identity_counts" ("slot", "n") SELECT g, 0 FROM generate_series(0, 15) g;
--> statement-breakpoint
UPDATE "scim_identity_counts" SET "n" = (SELECT count(*) FROM "scim_identities") WHERE "slot" = 0;
--> statement-breakpoint
-- One statement trigger per direction adds the rows it saw to this backend's slot; a statement
-- that inserted or deleted nothing writes nothing.
CREATE OR REPLACE FUNCTION roster_scim_identities_counted() RETURNS trigger AS $$
DECLARE
  delta bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO delta FROM inserted;
  ELSE
    SELECT -count(*) INTO delta FROM deleted;
  END IF;
  IF delta <> 0 THEN
    UPDATE "scim_identity_counts" SET "n" = "n" + delta WHERE "slot" = pg_backend_pid() % 16;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER scim_identities_count_insert
  AFTER INSERT ON "scim_identities" REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION roster_scim_identities_counted();
--> statement-breakpoint
CREATE TRIGGER scim_identities_count_delete
  AFTER DELETE ON "scim_identities" REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION roster_scim_identities_counted();
