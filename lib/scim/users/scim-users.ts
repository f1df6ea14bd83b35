// SCIM Users (SPEC §4.4): create or link, read, list, replace, patch, delete. Every write reads
// the SCIM state inside its transaction and writes one audit event.
import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { scimIdentities, users, type ScimIdentityRow, type UserRow } from "@/db/schema";
import { recordEvent, type AuditAction } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { isUniqueViolation, retryOnConflict } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findUserByEmail } from "@/lib/admin/users/user-queries";
import { requireScimActive } from "@/lib/scim/settings/scim-settings";
import type { ScimFilter } from "@/lib/scim/filter";
import { isUuid } from "@/lib/scim/values";
import type { UserAttributes } from "./user-attributes";
import { attributesOf } from "./user-attributes";

export interface ScimUserView {
  identity: ScimIdentityRow;
  user: UserRow;
}

const uniqueness = (detail: string) => new AppError("conflict", detail, { scimType: "uniqueness" });
const notFoundUser = () => new AppError("not_found", "User not found");

function mapUniqueViolation(e: unknown): never {
  if (isUniqueViolation(e, "scim_identities_user_name_lower_key")) throw uniqueness("userName is already in use by another SCIM user");
  if (isUniqueViolation(e, "scim_identities_external_id_key")) throw uniqueness("externalId is already in use by another SCIM user");
  if (isUniqueViolation(e, "users_email_lower_key")) throw uniqueness("email belongs to another Roster user");
  if (isUniqueViolation(e, "scim_identities_user_key")) throw uniqueness("The Roster user with this email is already linked to a SCIM user");
  throw e;
}

/** Generated Roster username for a provisioned user: the SCIM userName's local part + suffix. */
function usernameFor(userName: string) {
  const local = userName.split("@")[0]!.toLowerCase().replace(/[^a-z0-9._-]/g, "-").slice(0, 32) || "user";
  return `${local}-${newId("user").slice(5, 11).toLowerCase()}`;
}

function identityValues(a: UserAttributes) {
  return {
    userName: a.userName,
    externalId: a.externalId,
    givenName: a.givenName,
    familyName: a.familyName,
    middleName: a.middleName,
    formattedName: a.formatted,
    displayName: a.displayName,
    emailType: a.emailType,
  };
}

/** Suspension fields for an `active` change; a SCIM reactivation never lifts an admin's suspension. */
function activeChange(user: UserRow, active: boolean, now: Date): Partial<UserRow> {
  if (!active && user.suspendedAt === null) {
    return { suspendedAt: now, suspendedBy: "scim", siteAdminScim: false, sessionVersion: user.sessionVersion + 1 };
  }
  if (active && user.suspendedAt !== null && user.suspendedBy === "scim") return { suspendedAt: null, suspendedBy: null };
  return {};
}

/** "Able to sign in without SSO" holding a manual grant: SCIM may never take it over (SPEC §6). */
const isRecoveryAdmin = (u: UserRow) => u.siteAdminManual && u.passwordHash !== null && u.suspendedAt === null;

export async function createScimUser(ctx: Ctx, attrs: UserAttributes): Promise<ScimUserView> {
  try {
    return await retryOnConflict(() => ctx.db.transaction(async (tx) => {
      await requireScimActive(tx);
      const existing = await findUserByEmail(tx, attrs.email);
      let user: UserRow;
      let action: AuditAction;
      if (existing) {
        const [linked] = await tx.select({ id: scimIdentities.id }).from(scimIdentities).where(eq(scimIdentities.userId, existing.id)).limit(1);
        if (linked) throw uniqueness("The Roster user with this email is already linked to a SCIM user");
        if (isRecoveryAdmin(existing)) throw uniqueness("email belongs to a local administrator account");
        const [row] = await tx
          .update(users)
          .set({ ...activeChange(existing, attrs.active, ctx.now), updatedAt: ctx.now })
          .where(eq(users.id, existing.id))
          .returning();
        user = row!;
        action = "scim-user.link";
      } else {
        const [row] = await tx
          .insert(users)
          .values({
            id: newId("user"),
            username: usernameFor(attrs.userName),
            email: attrs.email,
            createdAt: ctx.now,
            updatedAt: ctx.now,
            ...(attrs.active ? {} : { suspendedAt: ctx.now, suspendedBy: "scim" as const }),
          })
          .returning();
        user = row!;
        action = "scim-user.create";
      }
      const [identity] = await tx
        .insert(scimIdentities)
        .values({ userId: user.id, ...identityValues(attrs), createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await recordEvent(tx, ctx, {
        action,
        target: { type: "scim-user", id: identity!.id },
        summary: { userId: user.id, userName: attrs.userName, active: attrs.active },
      });
      return { identity: identity!, user };
    }));
  } catch (e) {
    return mapUniqueViolation(e);
  }
}

async function loadUser(db: DbOrTx, id: string, lock: boolean): Promise<ScimUserView | null> {
  if (!isUuid(id)) return null;
  const q = db
    .select({ identity: scimIdentities, user: users })
    .from(scimIdentities)
    .innerJoin(users, eq(users.id, scimIdentities.userId))
    .where(eq(scimIdentities.id, id))
    .limit(1);
  const rows = lock ? await q.for("update") : await q;
  return rows[0] ?? null;
}

export async function getScimUser(db: DbOrTx, id: string): Promise<ScimUserView> {
  const found = await loadUser(db, id, false);
  if (!found) throw notFoundUser();
  return found;
}

function filterCondition(filter: ScimFilter | null): SQL | undefined {
  if (!filter) return undefined;
  // PostgreSQL text cannot hold NUL, so such a value matches nothing.
  if (filter.value.includes("\u0000")) return sql`false`;
  switch (filter.attribute) {
    case "userName":
      return sql`lower(${scimIdentities.userName}) = lower(${filter.value})`;
    case "externalId":
      return eq(scimIdentities.externalId, filter.value);
    case "id":
      return isUuid(filter.value) ? eq(scimIdentities.id, filter.value) : sql`false`;
    case "displayName":
      return sql`lower(${scimIdentities.displayName}) = lower(${filter.value})`;
    case "emails.value":
      return sql`lower(${users.email}) = lower(${filter.value})`;
  }
}

/** SCIM-managed users only, active and suspended alike; stable order; exact total. */
export async function listScimUsers(db: DbOrTx, filter: ScimFilter | null, startIndex: number, count_: number) {
  if (filter) {
    // Filtered look-ups (the IdP's hot path) are one indexed statement; the window count is the
    // exact total whenever the page is not empty.
    const where = filterCondition(filter);
    const rows =
      count_ === 0
        ? []
        : await db
            .select({ identity: scimIdentities, user: users, total: sql<number>`count(*) over ()`.mapWith(Number) })
            .from(scimIdentities)
            .innerJoin(users, eq(users.id, scimIdentities.userId))
            .where(where)
            .orderBy(asc(scimIdentities.createdAt), asc(scimIdentities.id))
            .limit(count_)
            .offset(startIndex - 1);
    if (rows.length > 0) return { total: rows[0]!.total, rows: rows.map(({ identity, user }) => ({ identity, user })) };
    if (startIndex === 1 && count_ > 0) return { total: 0, rows: [] };
    const [total] = await db.select({ n: count() }).from(scimIdentities).innerJoin(users, eq(users.id, scimIdentities.userId)).where(where);
    return { total: total?.n ?? 0, rows: [] };
  }
  // Unfiltered: every identity has its user (FK), so the count and the page's ids need only the
  // narrow (created_at, id) index of scim_identities; deep pages cost little more than the first.
  const [total] = await db.select({ n: count() }).from(scimIdentities);
  if (count_ === 0) return { total: total?.n ?? 0, rows: [] };
  const pageIds = db
    .select({ id: scimIdentities.id })
    .from(scimIdentities)
    .orderBy(asc(scimIdentities.createdAt), asc(scimIdentities.id))
    .limit(count_)
    .offset(startIndex - 1);
  const rows = await db
    .select({ identity: scimIdentities, user: users })
    .from(scimIdentities)
    .innerJoin(users, eq(users.id, scimIdentities.userId))
    .where(inArray(scimIdentities.id, pageIds))
    .orderBy(asc(scimIdentities.createdAt), asc(scimIdentities.id));
  return { total: total?.n ?? 0, rows };
}

function changedFields(before: UserAttributes, after: UserAttributes) {
  return (Object.keys(after) as (keyof UserAttributes)[]).filter((k) => before[k] !== after[k]);
}

/**
 * The one write path of PUT and PATCH: compute the next attributes from the locked current ones,
 * store what changed, audit once (deactivate/reactivate when `active` changed).
 */
export async function updateScimUser(
  ctx: Ctx,
  id: string,
  kind: "replace" | "update",
  next: (current: UserAttributes) => UserAttributes,
): Promise<ScimUserView> {
  try {
    return await retryOnConflict(() => ctx.db.transaction(async (tx) => {
      await requireScimActive(tx);
      const found = await loadUser(tx, id, true);
      if (!found) throw notFoundUser();
      const before = attributesOf(found.identity, found.user);
      const after = next(before);
      const changed = changedFields(before, after);
      const action: AuditAction = changed.includes("active")
        ? after.active
          ? "scim-user.reactivate"
          : "scim-user.deactivate"
        : kind === "replace"
          ? "scim-user.replace"
          : "scim-user.update";
      const target = { type: "scim-user", id };
      if (changed.length === 0) {
        await recordEvent(tx, ctx, { action, target, outcome: "noop" });
        return found;
      }
      const view = await writeUser(tx, ctx, found, after, changed);
      await recordEvent(tx, ctx, { action, target, summary: { userId: found.user.id, changed } });
      return view;
    }));
  } catch (e) {
    return mapUniqueViolation(e);
  }
}

async function writeUser(tx: Tx, ctx: Ctx, found: ScimUserView, after: UserAttributes, changed: (keyof UserAttributes)[]) {
  let user = found.user;
  const userPatch: Partial<UserRow> = {};
  if (changed.includes("email")) userPatch.email = after.email;
  if (changed.includes("active")) Object.assign(userPatch, activeChange(user, after.active, ctx.now));
  if (Object.keys(userPatch).length) {
    const [row] = await tx.update(users).set({ ...userPatch, updatedAt: ctx.now }).where(eq(users.id, user.id)).returning();
    user = row!;
  }
  const [identity] = await tx
    .update(scimIdentities)
    .set({ ...identityValues(after), updatedAt: ctx.now })
    .where(eq(scimIdentities.id, found.identity.id))
    .returning();
  return { identity: identity!, user };
}

/** DELETE: removes the identity (and its group memberships), suspends the user, keeps the record. */
export async function deleteScimUser(ctx: Ctx, id: string) {
  await retryOnConflict(() => ctx.db.transaction(async (tx) => {
    await requireScimActive(tx);
    const found = await loadUser(tx, id, true);
    if (!found) throw notFoundUser();
    await tx.delete(scimIdentities).where(eq(scimIdentities.id, id));
    await tx
      .update(users)
      .set({ ...activeChange(found.user, false, ctx.now), siteAdminScim: false, updatedAt: ctx.now })
      .where(and(eq(users.id, found.user.id)));
    await recordEvent(tx, ctx, {
      action: "scim-user.delete",
      target: { type: "scim-user", id },
      summary: { userId: found.user.id, userName: found.identity.userName },
    });
  }));
}
