// Teams and their manual membership. Linked teams (team_scim_links) follow their SCIM group and
// refuse manual edits, renames and deletion.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "@/db/client";
import { organizationMemberships, scimGroups, teamMemberships, teams, teamScimLinks, users, type TeamRow } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getOrganization } from "@/lib/admin/organizations/organizations";
import { parseField } from "@/lib/validation";

export const TeamNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name must be at most 64 characters")
  .regex(/^[A-Za-z0-9 _.-]+$/, "Name may contain letters, numbers, spaces, dots, hyphens and underscores");

const nameTaken = () => new AppError("invalid_value", "Name has already been taken", { pointer: "/data/attributes/name" });

export async function createTeam(ctx: Ctx, organizationName: string, input: { name: string }) {
  const org = await getOrganization(ctx.db, organizationName);
  const name = parseField(TeamNameSchema, input.name, "/data/attributes/name");
  const id = newId("team");
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(teams)
        .values({ id, organizationName: org.name, name, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await recordEvent(tx, ctx, {
        action: "team.create",
        target: { type: "team", id },
        summary: { organization: org.name, name },
      });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e, "teams_org_name_lower_key")) throw nameTaken();
    throw e;
  }
}

export type TeamLinkView = typeof teamScimLinks.$inferSelect & { groupName: string };

export interface TeamView {
  team: TeamRow;
  memberIds: string[];
  link: TeamLinkView | null;
}

/** Links with their group's display name. */
function selectLinks(db: DbOrTx, teamIds: string[]) {
  return db
    .select({ link: teamScimLinks, groupName: scimGroups.displayName })
    .from(teamScimLinks)
    .innerJoin(scimGroups, eq(scimGroups.id, teamScimLinks.scimGroupId))
    .where(inArray(teamScimLinks.teamId, teamIds))
    .then((rows) => rows.map((r): TeamLinkView => ({ ...r.link, groupName: r.groupName })));
}

async function loadTeam(db: DbOrTx, id: string, lock = false): Promise<TeamRow | null> {
  const q = db.select().from(teams).where(eq(teams.id, id)).limit(1);
  const rows = lock ? await q.for("update") : await q;
  return rows[0] ?? null;
}

async function linkOf(db: DbOrTx, teamId: string) {
  return (await selectLinks(db, [teamId]))[0] ?? null;
}

export async function getTeam(db: DbOrTx, id: string): Promise<TeamView> {
  const team = await loadTeam(db, id);
  if (!team) throw notFound("Team");
  const [members, link] = await Promise.all([
    db
      .select({ userId: teamMemberships.userId })
      .from(teamMemberships)
      .where(eq(teamMemberships.teamId, id))
      .orderBy(asc(teamMemberships.createdAt), asc(teamMemberships.userId)),
    linkOf(db, id),
  ]);
  return { team, memberIds: members.map((m) => m.userId), link };
}

export async function listTeams(db: DbOrTx, organizationName: string, page: { number: number; size: number }) {
  const org = await getOrganization(db, organizationName);
  const where = eq(teams.organizationName, org.name);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(teams)
      .where(where)
      .orderBy(asc(teams.createdAt), asc(teams.id))
      .limit(page.size)
      .offset((page.number - 1) * page.size),
    db.select({ n: count() }).from(teams).where(where),
  ]);
  const ids = rows.map((t) => t.id);
  const [members, links] = ids.length
    ? await Promise.all([
        db
          .select({ teamId: teamMemberships.teamId, userId: teamMemberships.userId })
          .from(teamMemberships)
          .where(inArray(teamMemberships.teamId, ids))
          .orderBy(asc(teamMemberships.createdAt), asc(teamMemberships.userId)),
        selectLinks(db, ids),
      ])
    : [[], []];
  const views: TeamView[] = rows.map((team) => ({
    team,
    memberIds: members.filter((m) => m.teamId === team.id).map((m) => m.userId),
    link: links.find((l) => l.teamId === team.id) ?? null,
  }));
  return { rows: views, total: total?.n ?? 0 };
}

export async function updateTeam(ctx: Ctx, id: string, input: { name?: string }) {
  return ctx.db.transaction(async (tx) => {
    const team = await loadTeam(tx, id, true);
    if (!team) throw notFound("Team");
    if (input.name === undefined) return team;
    const name = parseField(TeamNameSchema, input.name, "/data/attributes/name");
    if (name === team.name) {
      await recordEvent(tx, ctx, { action: "team.update", target: { type: "team", id }, outcome: "noop" });
      return team;
    }
    if (team.isOwners) throw new AppError("invalid_value", "The owners team cannot be renamed", { pointer: "/data/attributes/name" });
    if (await linkOf(tx, id)) {
      throw new AppError("invalid_value", "A team linked to a SCIM group cannot be renamed", { pointer: "/data/attributes/name" });
    }
    try {
      const [row] = await tx.update(teams).set({ name, updatedAt: ctx.now }).where(eq(teams.id, id)).returning();
      await recordEvent(tx, ctx, { action: "team.update", target: { type: "team", id }, summary: { from: team.name, to: name } });
      return row!;
    } catch (e) {
      if (isUniqueViolation(e, "teams_org_name_lower_key")) throw nameTaken();
      throw e;
    }
  });
}

export async function deleteTeam(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const team = await loadTeam(tx, id, true);
    // A linked team answers 404: it must be unlinked first (TFE behaviour).
    if (!team || (await linkOf(tx, id))) throw notFound("Team");
    if (team.isOwners) throw new AppError("invalid_value", "The owners team cannot be deleted");
    await tx.delete(teams).where(eq(teams.id, id));
    await recordEvent(tx, ctx, {
      action: "team.delete",
      target: { type: "team", id },
      summary: { organization: team.organizationName, name: team.name },
    });
  });
}

async function lockManualTeam(tx: Tx, id: string) {
  const team = await loadTeam(tx, id, true);
  if (!team) throw notFound("Team");
  if (await linkOf(tx, id)) {
    throw new AppError("forbidden", "This team's membership is managed by its linked SCIM group");
  }
  return team;
}

function memberSummary(ids: string[], changed: string[]) {
  return { requested: ids.length, changed: changed.length, userIds: changed.slice(0, 20) };
}

export async function addTeamMembers(ctx: Ctx, teamId: string, userIds: string[]) {
  const ids = [...new Set(userIds)];
  return ctx.db.transaction(async (tx) => {
    const team = await lockManualTeam(tx, teamId);
    if (ids.length === 0) return [];
    const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids));
    if (found.length !== ids.length) {
      const known = new Set(found.map((f) => f.id));
      const missing = ids.find((i) => !known.has(i));
      throw new AppError("not_found", `User ${missing} not found`);
    }
    // Adding someone from outside the organization also makes them a member of it.
    await tx
      .insert(organizationMemberships)
      .select(
        tx
          .select({
            organizationName: sql<string>`${team.organizationName}`.as("organization_name"),
            userId: users.id,
            createdAt: sql<Date>`${ctx.now.toISOString()}::timestamptz`.as("created_at"),
          })
          .from(users)
          .where(inArray(users.id, ids)),
      )
      .onConflictDoNothing();
    const added = await tx
      .insert(teamMemberships)
      .values(ids.map((userId) => ({ teamId, userId, createdAt: ctx.now })))
      .onConflictDoNothing()
      .returning({ userId: teamMemberships.userId });
    const changed = added.map((a) => a.userId);
    await recordEvent(tx, ctx, {
      action: "team.member-add",
      target: { type: "team", id: teamId },
      outcome: changed.length ? "success" : "noop",
      summary: memberSummary(ids, changed),
    });
    return changed;
  });
}

export async function removeTeamMembers(ctx: Ctx, teamId: string, userIds: string[]) {
  const ids = [...new Set(userIds)];
  return ctx.db.transaction(async (tx) => {
    const team = await lockManualTeam(tx, teamId);
    if (ids.length === 0) return [];
    const removed = await tx
      .delete(teamMemberships)
      .where(and(eq(teamMemberships.teamId, teamId), inArray(teamMemberships.userId, ids)))
      .returning({ userId: teamMemberships.userId });
    if (team.isOwners && removed.length > 0) {
      const [left] = await tx.select({ n: count() }).from(teamMemberships).where(eq(teamMemberships.teamId, teamId));
      if ((left?.n ?? 0) === 0) {
        throw new AppError("invalid_value", "The owners team must keep at least one member");
      }
    }
    const changed = removed.map((r) => r.userId);
    await recordEvent(tx, ctx, {
      action: "team.member-remove",
      target: { type: "team", id: teamId },
      outcome: changed.length ? "success" : "noop",
      summary: memberSummary(ids, changed),
    });
    return changed;
  });
}
