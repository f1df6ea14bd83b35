// Team ↔ SCIM group links (SPEC §5 mapping rows, §7): link (replacing the team's members with the
// group's active members), unlink (members stay), pause and resume (which reconciles at once).
// Lock order: settings (shared) → group → team → users; one transaction each, audited inside it.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { retryOnConflict } from "@/lib/db-errors";
import { AppError, notFound } from "@/lib/errors";
import { MAX_GROUP_MEMBERS } from "@/lib/scim/groups/membership";
import { lockScimSettings } from "@/lib/scim/settings/scim-settings";
import { isUuid } from "@/lib/scim/values";
import { faultPoint } from "@/lib/test-hooks";
import { lockUsers, syncTeams } from "./propagation";

/** SPEC §14: the 10,001st link of one group is refused. */
export const MAX_LINKS_PER_GROUP = 10_000;

/** Link, unlink, pause and resume share 10 requests a minute per site admin (SPEC §5). */
export const TEAM_LINK_RATE_LIMIT = { name: "team-link", rate: 10 / 60, burst: 10 };

type TeamLock = { id: string; organization_name: string; is_owners: boolean; group_id: string | null; sync_paused: boolean | null };

/** The team row, locked (no key update: member inserts elsewhere may still reference it), and its link. */
async function lockTeam(tx: Tx, teamId: string): Promise<TeamLock> {
  const [team] = rowsOf<Omit<TeamLock, "group_id" | "sync_paused">>(
    await tx.execute(sql`select t.id, t.organization_name, t.is_owners from teams t where t.id = ${teamId} for no key update of t`),
  );
  if (!team) throw notFound("Team");
  // The link is read by a statement of its own, after the lock: under READ COMMITTED it then sees
  // what a concurrent link, unlink or pause of this team committed while this one waited (read in
  // the locking statement, it came from that statement's older snapshot: a second link hit the
  // primary key, a 500, and a second pause was audited as a change).
  const [link] = rowsOf<{ group_id: string; sync_paused: boolean }>(
    await tx.execute(sql`select scim_group_id as group_id, sync_paused from team_scim_links where team_id = ${team.id}`),
  );
  return { ...team, group_id: link?.group_id ?? null, sync_paused: link?.sync_paused ?? null };
}

async function lockGroup(tx: Tx, groupId: string) {
  const [group] = isUuid(groupId)
    ? rowsOf<{ id: string; display_name: string; members: number | string; links: number | string }>(
        await tx.execute(sql`
          select g.id, g.display_name,
                 (select count(*) from scim_group_members m where m.group_id = g.id) as members,
                 (select count(*) from team_scim_links l where l.scim_group_id = g.id) as links
          from scim_groups g where g.id = ${groupId}::uuid
          for share of g`),
      )
    : [];
  if (!group) throw new AppError("not_found", "SCIM group not found");
  return { id: group.id, name: group.display_name, members: Number(group.members), links: Number(group.links) };
}

/** Membership := the group's active members: members are locked before they are read. */
async function reconcile(tx: Tx, teamId: string, groupId: string, now: Date) {
  const members = rowsOf<{ user_id: string }>(
    await tx.execute(sql`
      select i.user_id from scim_group_members m join scim_identities i on i.id = m.identity_id
      where m.group_id = ${groupId}::uuid`),
  ).map((r) => r.user_id);
  await lockUsers(tx, members);
  return syncTeams(tx, { groupId, teamId, userIds: "all" }, now);
}

/** POST /admin/teams/{id}/scim-group-mapping */
export async function linkTeam(ctx: Ctx, teamId: string, groupId: string) {
  return retryOnConflict(() =>
    ctx.db.transaction(async (tx) => {
      const settings = await lockScimSettings(tx, "share");
      if (!settings.enabled) throw new AppError("not_found", "SCIM group not found");
      const group = await lockGroup(tx, groupId);
      const team = await lockTeam(tx, teamId);
      if (team.group_id) throw new AppError("conflict", "Team is already linked to a SCIM group");
      if (group.members > MAX_GROUP_MEMBERS) throw new AppError("too_large", `The SCIM group has more than ${MAX_GROUP_MEMBERS} members`);
      if (team.is_owners) throw new AppError("invalid_value", "The owners team cannot be linked to a SCIM group", { pointer: "/data/attributes/scim-group-id" });
      if (settings.siteAdminGroupId?.toLowerCase() === group.id.toLowerCase()) {
        throw new AppError("invalid_value", "The site admin group cannot be linked to a team", { pointer: "/data/attributes/scim-group-id" });
      }
      if (group.links >= MAX_LINKS_PER_GROUP) {
        throw new AppError("invalid_value", `A SCIM group can be linked to at most ${MAX_LINKS_PER_GROUP} teams`, { pointer: "/data/attributes/scim-group-id" });
      }
      await tx.execute(sql`
        insert into team_scim_links (team_id, scim_group_id, sync_paused, synced_at, created_at)
        values (${team.id}, ${group.id}::uuid, false, ${ctx.now.toISOString()}::timestamptz, ${ctx.now.toISOString()}::timestamptz)`);
      // Linking replaces every member (Roster has no team service accounts, SPEC §13).
      const synced = await reconcile(tx, team.id, group.id, ctx.now);
      await faultPoint("team-link.after-replace");
      await recordEvent(tx, ctx, {
        action: "team-link.create",
        target: { type: "team", id: team.id },
        summary: { scimGroupId: group.id, scimGroupName: group.name, added: synced.added, removed: synced.removed },
      });
    }),
  );
}

async function lockLinkedTeam(tx: Tx, teamId: string) {
  await lockScimSettings(tx, "share");
  const [link] = rowsOf<{ group_id: string }>(await tx.execute(sql`select scim_group_id as group_id from team_scim_links where team_id = ${teamId}`));
  // Group first, then the team (SPEC §7's lock order).
  if (link) await tx.execute(sql`select 1 from scim_groups where id = ${link.group_id}::uuid for share`);
  const team = await lockTeam(tx, teamId);
  if (!team.group_id) throw new AppError("conflict", "Team is not linked to a SCIM group");
  return team as TeamLock & { group_id: string; sync_paused: boolean };
}

/** DELETE /admin/teams/{id}/scim-group-mapping: the members stay, now managed by hand. */
export async function unlinkTeam(ctx: Ctx, teamId: string) {
  return retryOnConflict(() =>
    ctx.db.transaction(async (tx) => {
      const team = await lockLinkedTeam(tx, teamId);
      await tx.execute(sql`delete from team_scim_links where team_id = ${team.id}`);
      await recordEvent(tx, ctx, { action: "team-link.delete", target: { type: "team", id: team.id }, summary: { scimGroupId: team.group_id } });
    }),
  );
}

/** PATCH /admin/teams/{id}/scim-group-mapping: pause freezes membership; resume reconciles now. */
export async function setTeamSyncPaused(ctx: Ctx, teamId: string, paused: boolean) {
  return retryOnConflict(() =>
    ctx.db.transaction(async (tx) => {
      const team = await lockLinkedTeam(tx, teamId);
      const action = paused ? "team-link.pause" : "team-link.resume";
      const target = { type: "team", id: team.id };
      if (team.sync_paused === paused) {
        await recordEvent(tx, ctx, { action, target, outcome: "noop", summary: { scimGroupId: team.group_id } });
        return;
      }
      await tx.execute(sql`update team_scim_links set sync_paused = ${paused} where team_id = ${team.id}`);
      const synced = paused ? null : await reconcile(tx, team.id, team.group_id, ctx.now);
      await faultPoint("team-link.after-resume");
      await recordEvent(tx, ctx, {
        action,
        target,
        summary: { scimGroupId: team.group_id, ...(synced ? { added: synced.added, removed: synced.removed } : {}) },
      });
    }),
  );
}
