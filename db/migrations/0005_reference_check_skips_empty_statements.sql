-- The reference check of team_memberships (0004) fires once per INSERT or UPDATE statement, also
-- when the statement wrote no row (an ON CONFLICT DO NOTHING insert of existing memberships, a
-- SCIM user's write whose teams are all in place). Such a statement has nothing to check: leave at
-- once instead of running the four look-ups.
CREATE OR REPLACE FUNCTION roster_team_memberships_references() RETURNS trigger AS $$
DECLARE
  wanted bigint;
  present bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM added) THEN
    RETURN NULL;
  END IF;
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
