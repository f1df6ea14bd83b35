ALTER TABLE "team_memberships" DROP CONSTRAINT "team_memberships_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "team_memberships" DROP CONSTRAINT "team_memberships_user_id_users_id_fk";
--> statement-breakpoint
-- team_memberships keeps the two references it had, checked once per statement: a team linked
-- to a SCIM group can gain a member in each of 1,000 teams in one statement, and two foreign-key
-- lookups per row cost more than the insert itself. The check locks the referenced rows FOR KEY
-- SHARE, as a foreign key does, so a concurrent delete of a team or user waits for this
-- transaction, and a team or user deleted before the lock is taken fails the statement.
CREATE OR REPLACE FUNCTION roster_team_memberships_references() RETURNS trigger AS $$
DECLARE
  wanted bigint;
  present bigint;
BEGIN
  SELECT count(*) INTO wanted FROM (SELECT DISTINCT team_id FROM added) d;
  SELECT count(*) INTO present FROM (SELECT 1 FROM "teams" WHERE "id" IN (SELECT team_id FROM added) ORDER BY "id" FOR KEY SHARE) t;
  IF present < wanted THEN
    RAISE EXCEPTION 'insert or update on table "team_memberships" violates foreign key constraint "team_memberships_team_id_teams_id_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'team_memberships_team_id_teams_id_fk', TABLE = 'team_memberships',
            DETAIL = 'A team of the new memberships does not exist.';
  END IF;
  SELECT count(*) INTO wanted FROM (SELECT DISTINCT user_id FROM added) d;
  SELECT count(*) INTO present FROM (SELECT 1 FROM "users" WHERE "id" IN (SELECT user_id FROM added) ORDER BY "id" FOR KEY SHARE) u;
  IF present < wanted THEN
    RAISE EXCEPTION 'insert or update on table "team_memberships" violates foreign key constraint "team_memberships_user_id_users_id_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'team_memberships_user_id_users_id_fk', TABLE = 'team_memberships',
            DETAIL = 'A user of the new memberships does not exist.';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER team_memberships_references_insert
  AFTER INSERT ON "team_memberships" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION roster_team_memberships_references();
--> statement-breakpoint
CREATE TRIGGER team_memberships_references_update
  AFTER UPDATE ON "team_memberships" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION roster_team_memberships_references();
--> statement-breakpoint
-- ON DELETE CASCADE, per statement: deleting teams or users deletes their memberships.
CREATE OR REPLACE FUNCTION roster_team_memberships_cascade() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'teams' THEN
    DELETE FROM "team_memberships" WHERE "team_id" IN (SELECT "id" FROM gone);
  ELSE
    DELETE FROM "team_memberships" WHERE "user_id" IN (SELECT "id" FROM gone);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER teams_delete_memberships
  AFTER DELETE ON "teams" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION roster_team_memberships_cascade();
--> statement-breakpoint
CREATE TRIGGER users_delete_memberships
  AFTER DELETE ON "users" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION roster_team_memberships_cascade();
--> statement-breakpoint
-- Ids of teams and users never change; refuse it rather than orphan memberships.
CREATE OR REPLACE FUNCTION roster_refuse_id_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the id of a row of "%" cannot change', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER teams_id_immutable BEFORE UPDATE OF "id" ON "teams"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION roster_refuse_id_change();
--> statement-breakpoint
CREATE TRIGGER users_id_immutable BEFORE UPDATE OF "id" ON "users"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION roster_refuse_id_change();
