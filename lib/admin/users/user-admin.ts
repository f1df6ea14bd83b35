// Site admins acting on users (SPEC §5, §14): detail with memberships, suspend, unsuspend and
// delete. SCIM-managed users are the IdP's to change (422), an admin cannot act on themself, and
// the last site admin able to sign in without SSO is never suspended or deleted.
import { and, asc, eq, isNull, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { organizationMemberships, scimIdentities, teamMemberships, teams, users, type UserRow } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { isSiteAdmin, signsInWithPassword } from "./user-queries";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError, notFound } from "@/lib/errors";

export const MANAGED_BY_IDP = "This user is managed by your identity provider; change it there";

export async function getUserDetail(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ user: users, scimUserName: scimIdentities.userName, scimUpdatedAt: scimIdentities.updatedAt })
    .from(users)
    .leftJoin(scimIdentities, eq(scimIdentities.userId, users.id))
    .where(eq(users.id, id))
    .limit(1);
  if (!row) throw notFound("User");
  const [orgs, teamRows, inSiteAdminGroup] = await Promise.all([
    db.select({ name: organizationMemberships.organizationName }).from(organizationMemberships).where(eq(organizationMemberships.userId, id)).orderBy(asc(organizationMemberships.organizationName)),
    db
      .select({ id: teams.id, name: teams.name, organizationName: teams.organizationName })
      .from(teamMemberships)
      .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
      .where(eq(teamMemberships.userId, id))
      .orderBy(asc(teams.organizationName), asc(teams.name)),
    heldBySiteAdminGroup(db, row.user),
  ]);
  return { ...row, organizations: orgs.map((o) => o.name), teams: teamRows, inSiteAdminGroup };
}

/** Active, has a password, no SCIM identity, and a site admin: a recovery admin (SPEC §6). */
export async function recoveryAdminCount(tx: DbOrTx) {
  const [row] = rowsOf<{ n: number | string }>(
    await tx.execute(sql`
      select count(*) as n from users u
      where u.suspended_at is null and u.password_hash is not null and (u.site_admin_manual or u.site_admin_scim)
        and not exists (select 1 from scim_identities i where i.user_id = u.id)`),
  );
  return Number(row?.n ?? 0);
}

async function lockTarget(tx: Tx, ctx: Ctx, id: string): Promise<UserRow> {
  const [user] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  if (!user) throw notFound("User");
  const [identity] = await tx.select({ id: scimIdentities.id }).from(scimIdentities).where(eq(scimIdentities.userId, id)).limit(1);
  if (identity) throw new AppError("invalid_value", MANAGED_BY_IDP);
  if (ctx.actor.type === "user" && ctx.actor.id === id) throw new AppError("invalid_value", "You cannot do this to your own account");
  return user;
}

const isRecoveryAdmin = (u: UserRow) => signsInWithPassword(u) && isSiteAdmin(u);

async function keepOneRecoveryAdmin(tx: Tx, user: UserRow) {
  // Serialize with other admin changes so two of them cannot each remove "the other" last one.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('roster.recovery-admins'))`);
  if (isRecoveryAdmin(user) && (await recoveryAdminCount(tx)) <= 1) {
    throw new AppError("invalid_value", "This is the last site admin able to sign in without SSO; create another one first");
  }
}

export async function suspendUser(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const user = await lockTarget(tx, ctx, id);
    if (user.suspendedAt) {
      await recordEvent(tx, ctx, { action: "user.suspend", target: { type: "user", id }, outcome: "noop" });
      return user;
    }
    await keepOneRecoveryAdmin(tx, user);
    const [row] = await tx
      .update(users)
      .set({ suspendedAt: ctx.now, suspendedBy: "admin", sessionVersion: user.sessionVersion + 1, updatedAt: ctx.now })
      .where(and(eq(users.id, id), isNull(users.suspendedAt)))
      .returning();
    await recordEvent(tx, ctx, { action: "user.suspend", target: { type: "user", id }, summary: { email: user.email } });
    return row!;
  });
}

export async function unsuspendUser(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const user = await lockTarget(tx, ctx, id);
    if (!user.suspendedAt) {
      await recordEvent(tx, ctx, { action: "user.unsuspend", target: { type: "user", id }, outcome: "noop" });
      return user;
    }
    const [row] = await tx
      .update(users)
      .set({ suspendedAt: null, suspendedBy: null, updatedAt: ctx.now })
      .where(and(eq(users.id, id), isNotNull(users.suspendedAt)))
      .returning();
    await recordEvent(tx, ctx, { action: "user.unsuspend", target: { type: "user", id }, summary: { email: user.email } });
    return row!;
  });
}

export async function deleteUser(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const user = await lockTarget(tx, ctx, id);
    await keepOneRecoveryAdmin(tx, user);
    await tx.delete(users).where(eq(users.id, id));
    await recordEvent(tx, ctx, { action: "user.delete", target: { type: "user", id }, summary: { email: user.email, username: user.username } });
  });
}

/** Is the user an active member of the currently mapped site-admin group (SPEC §6)? */
export async function heldBySiteAdminGroup(db: DbOrTx, user: Pick<UserRow, "id" | "suspendedAt">) {
  if (user.suspendedAt) return false;
  const [row] = rowsOf<{ held: boolean }>(
    await db.execute(sql`
      select exists (
        select 1 from scim_settings s
        join scim_group_members m on m.group_id = s.site_admin_group_id
        join scim_identities i on i.id = m.identity_id
        where i.user_id = ${user.id}
      ) as held`),
  );
  return row?.held === true;
}

/**
 * PATCH /admin/users/{id} `is-site-admin`: grants the manual role, or revokes the user's site-admin
 * role. A SCIM-sourced grant that the mapped IdP group still backs is the IdP's (422); one left
 * over after the mapping was cleared, the group deleted or SCIM disabled is revoked with the
 * manual one (SPEC §6: such grants stay "until … an admin revokes them"). The last site admin
 * able to sign in without SSO keeps the role (422).
 */
export async function setManualSiteAdmin(ctx: Ctx, id: string, grant: boolean) {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('roster.recovery-admins'))`);
    const [user] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!user) throw notFound("User");
    const action = grant ? "site-admin.grant" : "site-admin.revoke";
    const target = { type: "user", id };
    const groupBacked = !grant && user.siteAdminScim && (await heldBySiteAdminGroup(tx, user));
    const revokeScim = !grant && user.siteAdminScim && !groupBacked;
    if (user.siteAdminManual === grant && !revokeScim) {
      if (groupBacked) {
        throw new AppError("invalid_value", "This user's site admin role comes from the Site Admin IdP Group and is managed by your identity provider", {
          pointer: "/data/attributes/is-site-admin",
        });
      }
      await recordEvent(tx, ctx, { action, target, outcome: "noop", summary: { source: "manual" } });
      return user;
    }
    if (!grant && !groupBacked && isRecoveryAdmin(user) && (await recoveryAdminCount(tx)) <= 1) {
      throw new AppError("invalid_value", "This is the last site admin able to sign in without SSO; grant the role to another one first", {
        pointer: "/data/attributes/is-site-admin",
      });
    }
    const set = revokeScim ? { siteAdminManual: false, siteAdminScim: false, updatedAt: ctx.now } : { siteAdminManual: grant, updatedAt: ctx.now };
    const [row] = await tx.update(users).set(set).where(eq(users.id, id)).returning();
    const source = revokeScim ? (user.siteAdminManual ? "both" : "scim") : "manual";
    await recordEvent(tx, ctx, { action, target, summary: { source, email: user.email } });
    return row!;
  });
}
