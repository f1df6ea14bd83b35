// SCIM Groups (SPEC §4.5): create, read, list, replace, patch, delete. Membership goes through
// membership.ts; every write reads the SCIM state inside its transaction and audits once.
import { asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { hotOf } from "@/db/hot";
import { scimGroupMembers, scimGroups, scimIdentities, teamScimLinks, type ScimGroupRow } from "@/db/schema";
import { recordEvent, type AuditAction } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { isUniqueViolation, retryOnConflict } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { requireScimActive } from "@/lib/scim/settings/scim-settings";
import type { ScimFilter } from "@/lib/scim/filter";
import { isUuid } from "@/lib/scim/values";
import { propagateMemberChange } from "@/lib/scim/sync/propagation";
import { faultPoint } from "@/lib/test-hooks";
import { applyMemberChange, MAX_GROUP_MEMBERS, requireScimUsers, tooManyMembers, unique, type MemberChange } from "./membership";

export interface GroupAttributes {
  id: string;
  displayName: string;
  externalId: string | null;
}

export interface GroupMember {
  value: string;
  display: string;
}

export interface ScimGroupView {
  group: ScimGroupRow;
  members: GroupMember[] | null;
}

const notFoundGroup = () => new AppError("not_found", "Group not found");

/** A 409; `collidedWith` is the group that holds the value, named in the activity row. */
function mapUniqueViolation(e: unknown, collidedWith?: string): never {
  const conflictsWith = collidedWith ? { conflictsWith: { resourceType: "Group" as const, resourceId: collidedWith } } : {};
  if (isUniqueViolation(e, "scim_groups_display_name_lower_key")) {
    throw new AppError("conflict", "displayName is already in use by another group", { scimType: "uniqueness", ...conflictsWith });
  }
  if (isUniqueViolation(e, "scim_groups_external_id_key")) {
    throw new AppError("conflict", "externalId is already in use by another group", { scimType: "uniqueness", ...conflictsWith });
  }
  throw e;
}

/** The group whose value a create collided with (SPEC §9: the 409's activity row names it). */
async function collidedWith(db: DbOrTx, e: unknown, input: { displayName: string; externalId: string | null }): Promise<string | undefined> {
  let where: SQL | undefined;
  if (isUniqueViolation(e, "scim_groups_display_name_lower_key")) where = sql`lower(${scimGroups.displayName}) = lower(${input.displayName})`;
  else if (isUniqueViolation(e, "scim_groups_external_id_key") && input.externalId !== null) where = eq(scimGroups.externalId, input.externalId);
  if (!where) return undefined;
  const [row] = await db.select({ id: scimGroups.id }).from(scimGroups).where(where).limit(1);
  return row?.id;
}

function memberSummary(change: { added: string[]; removed: string[] }) {
  return { added: change.added.length, removed: change.removed.length, addedIds: change.added.slice(0, 20), removedIds: change.removed.slice(0, 20) };
}

export async function membersOf(db: DbOrTx, groupIds: string[]): Promise<Map<string, GroupMember[]>> {
  const out = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return out;
  const rows = await db
    .select({ groupId: scimGroupMembers.groupId, value: scimIdentities.id, display: scimIdentities.userName })
    .from(scimGroupMembers)
    .innerJoin(scimIdentities, eq(scimIdentities.id, scimGroupMembers.identityId))
    .where(inArray(scimGroupMembers.groupId, groupIds))
    .orderBy(asc(scimGroupMembers.createdAt), asc(scimIdentities.id));
  for (const r of rows) out.get(r.groupId)!.push({ value: r.value, display: r.display });
  return out;
}

export async function createScimGroup(ctx: Ctx, input: { displayName: string; externalId: string | null; members: string[] }): Promise<ScimGroupView> {
  if (unique(input.members).length > MAX_GROUP_MEMBERS) throw tooManyMembers();
  try {
    return await retryOnConflict(() => ctx.db.transaction(async (tx) => {
      await requireScimActive(tx);
      const [group] = await tx
        .insert(scimGroups)
        .values({ displayName: input.displayName, externalId: input.externalId, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      const change = await applyMemberChange(tx, group!.id, { replaceWith: input.members, add: [], remove: [] }, ctx.now);
      await recordEvent(tx, ctx, {
        action: "scim-group.create",
        target: { type: "scim-group", id: group!.id },
        summary: { displayName: input.displayName, ...memberSummary(change) },
      });
      return { group: group!, members: null };
    }));
  } catch (e) {
    // A taken displayName or externalId aborted the insert before the members were looked at;
    // an unknown member still answers first (SPEC §14: 404 before 409).
    if (isUniqueViolation(e) && input.members.length) await requireScimUsers(ctx.db, input.members);
    // A failed look-up only costs the activity row its link; the 409 stands.
    return mapUniqueViolation(e, await collidedWith(ctx.db, e, input).catch(() => undefined));
  }
}

async function loadGroup(db: DbOrTx | Tx, id: string, lock: boolean) {
  if (!isUuid(id)) return null;
  const q = db.select().from(scimGroups).where(eq(scimGroups.id, id)).limit(1);
  const rows = lock ? await q.for("update") : await q;
  return rows[0] ?? null;
}

// GET reads are single statements outside any transaction: the hot pool (db/hot.ts).
export async function getScimGroup(main: DbOrTx, id: string, withMembers: boolean): Promise<ScimGroupView> {
  const db = hotOf(main);
  const group = await loadGroup(db, id, false);
  if (!group) throw notFoundGroup();
  return { group, members: withMembers ? (await membersOf(db, [group.id])).get(group.id)! : null };
}

function filterCondition(filter: ScimFilter | null): SQL | undefined {
  if (!filter) return undefined;
  // PostgreSQL text cannot hold NUL, so such a value matches nothing.
  if (filter.value.includes("\u0000")) return sql`false`;
  switch (filter.attribute) {
    case "displayName":
      return sql`lower(${scimGroups.displayName}) = lower(${filter.value})`;
    case "externalId":
      return eq(scimGroups.externalId, filter.value);
    case "id":
      return isUuid(filter.value) ? eq(scimGroups.id, filter.value) : sql`false`;
    default:
      return sql`false`;
  }
}

export async function listScimGroups(main: DbOrTx, filter: ScimFilter | null, startIndex: number, count_: number, withMembers: boolean) {
  const db = hotOf(main);
  const where = filterCondition(filter);
  const [total] = await db.select({ n: count() }).from(scimGroups).where(where);
  const rows =
    count_ === 0
      ? []
      : await db.select().from(scimGroups).where(where).orderBy(asc(scimGroups.createdAt), asc(scimGroups.id)).limit(count_).offset(startIndex - 1);
  const members = withMembers ? await membersOf(db, rows.map((g) => g.id)) : null;
  return { total: total?.n ?? 0, rows: rows.map((group) => ({ group, members: members?.get(group.id) ?? null })) };
}

/** The one write path of PUT and PATCH. */
export async function updateScimGroup(
  ctx: Ctx,
  id: string,
  compute: (current: GroupAttributes) => { attributes: GroupAttributes; members: MemberChange },
): Promise<ScimGroupView> {
  try {
    return await retryOnConflict(() => ctx.db.transaction(async (tx) => {
      const settings = await requireScimActive(tx);
      const current = await loadGroup(tx, id, true);
      if (!current) throw notFoundGroup();
      const { attributes, members } = compute({ id: current.id, displayName: current.displayName, externalId: current.externalId });
      const renamed = attributes.displayName !== current.displayName || attributes.externalId !== current.externalId;
      // Members before the rename: an unknown member (404) outranks a taken displayName (409).
      const change = await applyMemberChange(tx, id, members, ctx.now);
      const membersChanged = change.added.length + change.removed.length > 0;
      const propagated = await propagateMemberChange(tx, settings.siteAdminGroupId, id, [...change.added, ...change.removed], ctx.now);
      await faultPoint("scim-group.after-propagation");
      let group = current;
      if (renamed || membersChanged) {
        const [row] = await tx
          .update(scimGroups)
          .set(renamed ? { displayName: attributes.displayName, externalId: attributes.externalId, updatedAt: ctx.now } : { updatedAt: ctx.now })
          .where(eq(scimGroups.id, id))
          .returning();
        group = row!;
      }
      const action: AuditAction = renamed ? "scim-group.update" : "scim-group.members-change";
      await recordEvent(tx, ctx, {
        action,
        target: { type: "scim-group", id },
        outcome: renamed || membersChanged ? "success" : "noop",
        summary: {
          ...(renamed ? { displayName: attributes.displayName, externalId: attributes.externalId } : {}),
          ...memberSummary(change),
          ...propagated,
        },
      });
      return { group, members: null };
    }));
  } catch (e) {
    return mapUniqueViolation(e);
  }
}

/** DELETE: 204 whether or not the group exists. Linked teams keep their members (FK cascade). */
export async function deleteScimGroup(ctx: Ctx, id: string) {
  await retryOnConflict(() => ctx.db.transaction(async (tx) => {
    await requireScimActive(tx);
    const group = await loadGroup(tx, id, true);
    if (!group) return;
    // Links go with the group (their teams keep their members and become manually managed); a
    // mapped site-admin group is cleared, revoking nothing (SPEC §6, §13.7).
    const unlinked = await tx.delete(teamScimLinks).where(eq(teamScimLinks.scimGroupId, id)).returning({ teamId: teamScimLinks.teamId });
    await tx.delete(scimGroups).where(eq(scimGroups.id, id));
    await recordEvent(tx, ctx, {
      action: "scim-group.delete",
      target: { type: "scim-group", id },
      summary: { displayName: group.displayName, unlinkedTeams: unlinked.length, unlinkedTeamIds: unlinked.slice(0, 20).map((u) => u.teamId) },
    });
  }));
}
