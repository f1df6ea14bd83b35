// Team sync and site-admin grants (SPEC §6, §7): set-based statements that bring linked teams
// and SCIM-sourced grants in line with group membership, inside the caller's transaction.
//
// Lock order (SPEC §7): settings (shared) → groups by id → teams by id → users by id. Callers hold
// the settings and group locks; these functions claim the users they read (row lock in id order,
// and a new row version) before reading their state. A user's own write (an activation or
// deactivation, one optimistic statement) applies only to the row version it read: it either
// commits first and is seen here, or finds the version this transaction made and reads again.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf, textArrayOf } from "@/db/rows";
import { arrayLiteral } from "@/db/sql-values";

// Id lists travel as one array parameter, so the statements' texts do not vary with their length.
const anyText = (ids: string[]) => sql`any(${arrayLiteral(ids)}::text[])`;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Claims users before their state is read: locks their rows in id order and writes each one anew
 * with the same values. The new row version is what tells a concurrent user write, whose statement
 * may have taken its snapshot before this transaction commits, that it must read again (see
 * userPropagationCtes); a shared lock alone would let it apply on a snapshot missing this change.
 */
export async function lockUsers(tx: Tx, userIds: string[]) {
  if (userIds.length === 0) return;
  const ids = [...new Set(userIds)].sort();
  await tx.execute(sql`
    with l as (select id from users where id = ${anyText(ids)} order by id for no key update)
    update users u set updated_at = u.updated_at from l where u.id = l.id`);
}

/** The Roster users behind SCIM identities. */
export async function usersOfIdentities(tx: Tx, identityIds: string[]): Promise<string[]> {
  if (identityIds.length === 0) return [];
  const rows = rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from scim_identities where id = any(${arrayLiteral(identityIds)}::uuid[])`));
  return rows.map((r) => r.user_id);
}

export interface TeamSyncResult {
  teams: string[];
  added: number;
  removed: number;
}

/**
 * Brings the human membership of linked, unpaused teams in line with the active members of
 * their group: for `teams` (or every linked, unpaused team of `groupId`), and for `userIds` only
 * (a delta) or every user (a reconciliation). Adds organization memberships as needed and marks
 * each team synced.
 */
export async function syncTeams(
  tx: Tx,
  scope: { groupId: string; teamId?: string; userIds: string[] | "all" },
  now: Date,
): Promise<TeamSyncResult> {
  if (scope.userIds !== "all" && scope.userIds.length === 0) return { teams: [], added: 0, removed: 0 };
  const onlyUsers = (col: SQL) => (scope.userIds === "all" ? sql`true` : sql`${col} = ${anyText(scope.userIds)}`);
  const team = scope.teamId ? sql`and l.team_id = ${scope.teamId}` : sql``;
  const [row] = rowsOf<{ teams: string[] | string | null; added: number | string; removed: number | string }>(
    await tx.execute(sql`
      with t as (
        select l.team_id, tm.organization_name
        from team_scim_links l join teams tm on tm.id = l.team_id
        where l.scim_group_id = ${scope.groupId}::uuid and not l.sync_paused ${team}
      ),
      want as (
        select t.team_id, t.organization_name, i.user_id
        from t
        join scim_group_members m on m.group_id = ${scope.groupId}::uuid
        join scim_identities i on i.id = m.identity_id
        join users u on u.id = i.user_id
        where u.suspended_at is null and ${onlyUsers(sql`i.user_id`)}
      ),
      del as (
        delete from team_memberships x using t
        where x.team_id = t.team_id and ${onlyUsers(sql`x.user_id`)}
          and not exists (select 1 from want w where w.team_id = x.team_id and w.user_id = x.user_id)
        returning x.team_id
      ),
      org as (
        insert into organization_memberships (organization_name, user_id, created_at)
        select distinct organization_name, user_id, ${ts(now)} from want
        on conflict do nothing
      ),
      ins as (
        insert into team_memberships (team_id, user_id, created_at)
        select team_id, user_id, ${ts(now)} from want
        on conflict do nothing
        returning team_id
      ),
      synced as (
        update team_scim_links set synced_at = ${ts(now)} where team_id in (select team_id from t) returning team_id
      )
      select (select coalesce(array_agg(team_id order by team_id), '{}') from synced) as teams,
             (select count(*) from ins) as added, (select count(*) from del) as removed
    `),
  );
  const teams = textArrayOf(row?.teams);
  return { teams, added: Number(row?.added ?? 0), removed: Number(row?.removed ?? 0) };
}

export interface GrantResult {
  granted: string[];
  revoked: string[];
}

/**
 * SCIM-sourced site-admin grants follow the mapped group (SPEC §6): every active member holds
 * one, nobody else does. `userIds` limits the change to the users an operation touched; null
 * considers everyone concerned (a new mapping: current holders and the group's members). No
 * mapped group: nothing changes (clearing revokes nothing). Manual grants are never touched.
 */
export async function syncSiteAdmins(tx: Tx, groupId: string | null, userIds: string[] | null): Promise<GrantResult> {
  if (!groupId) return { granted: [], revoked: [] };
  if (userIds && userIds.length === 0) return { granted: [], revoked: [] };
  const candidates =
    userIds === null
      ? sql`select id from users where site_admin_scim
            union
            select i.user_id from scim_group_members m join scim_identities i on i.id = m.identity_id where m.group_id = ${groupId}::uuid`
      : sql`select id from users where id = ${anyText(userIds)}`;
  const rows = rowsOf<{ id: string; site_admin_scim: boolean }>(
    await tx.execute(sql`
      with c as (${candidates}),
      d as (
        select u.id,
               u.suspended_at is null and exists (
                 select 1 from scim_identities i join scim_group_members m on m.identity_id = i.id
                 where i.user_id = u.id and m.group_id = ${groupId}::uuid
               ) as want
        from users u where u.id in (select id from c)
      )
      update users u set site_admin_scim = d.want
      from d where u.id = d.id and u.site_admin_scim <> d.want
      returning u.id, u.site_admin_scim
    `),
  );
  return { granted: rows.filter((r) => r.site_admin_scim).map((r) => r.id), revoked: rows.filter((r) => !r.site_admin_scim).map((r) => r.id) };
}

/** Audit summary of grants and team changes: counts plus the first 20 ids. */
export function propagationSummary(grants: GrantResult, teams: TeamSyncResult | null) {
  const out: Record<string, unknown> = {};
  if (grants.granted.length || grants.revoked.length) {
    out.siteAdmin = { granted: grants.granted.length, revoked: grants.revoked.length, grantedIds: grants.granted.slice(0, 20), revokedIds: grants.revoked.slice(0, 20) };
  }
  if (teams && teams.teams.length) out.teamSync = { teams: teams.teams.length, teamIds: teams.teams.slice(0, 20), added: teams.added, removed: teams.removed };
  return out;
}

/**
 * After a group's members changed (in the caller's transaction, group row locked): update its
 * linked, unpaused teams and, for the mapped site-admin group, the grants of the users concerned.
 */
export async function propagateMemberChange(tx: Tx, siteAdminGroupId: string | null, groupId: string, identityIds: string[], now: Date) {
  if (identityIds.length === 0) return {};
  const [row] = rowsOf<{ linked: boolean }>(await tx.execute(sql`select exists (select 1 from team_scim_links where scim_group_id = ${groupId}::uuid) as linked`));
  const isAdminGroup = siteAdminGroupId !== null && siteAdminGroupId.toLowerCase() === groupId.toLowerCase();
  if (!row?.linked && !isAdminGroup) return {};
  const userIds = await usersOfIdentities(tx, identityIds);
  await lockUsers(tx, userIds);
  const teams = row?.linked ? await syncTeams(tx, { groupId, userIds }, now) : null;
  const grants = isAdminGroup ? await syncSiteAdmins(tx, groupId, userIds) : { granted: [], revoked: [] };
  return propagationSummary(grants, teams);
}

/**
 * The same propagation for one user whose `active` state changes or whose identity is deleted, as
 * CTEs of that user's write statement (names `sg`, `st`, `t_*`; the statement defines `s`, the
 * settings, and `ok`, whether the write applies). `ok` holds only if the user's row is still the
 * version the caller read when the statement locks it: a group change that propagates to this user
 * writes a new version of the row (lockUsers), so one that commits after the caller's read turns
 * `ok` false (the caller reads again), and one that starts later waits for this statement
 * and then sees its result. `active` is the user's state after the write; `identityId`, `userId`
 * and `now` are SQL values (placeholders in a statement built once per shape).
 */
export function userPropagationCtes(identityId: SQL, userId: SQL, active: boolean, now: SQL, ok: SQL): SQL[] {
  // Only the statements that can change rows are part of the text (an activation inserts, a
  // deactivation deletes; `t_ins`/`t_del` are empty otherwise): an insert that adds nothing would
  // still fire team_memberships' statement-level reference check.
  const none = sql`select null::text as team_id where false`;
  return [
    sql`sg as (select group_id from scim_group_members where identity_id = ${identityId})`,
    sql`st as (
      select l.team_id, tm.organization_name from team_scim_links l join teams tm on tm.id = l.team_id
      where l.scim_group_id in (select group_id from sg) and not l.sync_paused)`,
    active
      ? sql`t_del as (${none})`
      : sql`t_del as (delete from team_memberships x where x.user_id = ${userId} and x.team_id in (select team_id from st) and ${ok} returning x.team_id)`,
    ...(active
      ? [
          sql`t_org as (
      insert into organization_memberships (organization_name, user_id, created_at)
      select distinct organization_name, ${userId}, ${now} from st where ${ok}
      on conflict do nothing)`,
          sql`t_ins as (
      insert into team_memberships (team_id, user_id, created_at)
      select team_id, ${userId}, ${now} from st where ${ok}
      on conflict do nothing returning team_id)`,
        ]
      : [sql`t_ins as (${none})`]),
    sql`t_sync as (update team_scim_links set synced_at = ${now} where team_id in (select team_id from st) and ${ok})`,
  ];
}

/** The user's SCIM-sourced grant after the write: active and in the mapped site-admin group. */
export const siteAdminScimAfter = (active: boolean): SQL =>
  sql`(${sql.raw(String(active))} and exists (select 1 from sg where group_id = (select site_admin_group_id from s)))`;
