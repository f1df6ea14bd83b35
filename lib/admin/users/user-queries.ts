import { and, asc, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { escapeLike } from "@/db/sql-values";
import { scimIdentities, users, type UserRow } from "@/db/schema";

export const isSiteAdmin = (u: Pick<UserRow, "siteAdminManual" | "siteAdminScim">) => u.siteAdminManual || u.siteAdminScim;

/** Active with a password: can sign in without SSO unless SCIM manages them (checked apart). */
export const signsInWithPassword = (u: Pick<UserRow, "suspendedAt" | "passwordHash">) => u.suspendedAt === null && u.passwordHash !== null;

export function siteAdminSource(u: Pick<UserRow, "siteAdminManual" | "siteAdminScim">) {
  if (u.siteAdminManual && u.siteAdminScim) return "both" as const;
  if (u.siteAdminManual) return "manual" as const;
  if (u.siteAdminScim) return "scim" as const;
  return null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function countSiteAdmins(db: DbOrTx) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(or(eq(users.siteAdminManual, true), eq(users.siteAdminScim, true)));
  return row?.n ?? 0;
}


export interface ListUsersInput {
  q?: string;
  status?: "active" | "suspended";
  scimManaged?: boolean;
  siteAdmin?: "manual" | "scim";
  page: number;
  size: number;
}

export async function listUsers(db: DbOrTx, input: ListUsersInput) {
  const filters: SQL[] = [];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    filters.push(
      or(ilike(users.email, pattern), ilike(users.username, pattern), ilike(scimIdentities.userName, pattern))!,
    );
  }
  if (input.status) filters.push(input.status === "active" ? isNull(users.suspendedAt) : isNotNull(users.suspendedAt));
  if (input.scimManaged !== undefined) filters.push(input.scimManaged ? isNotNull(scimIdentities.id) : isNull(scimIdentities.id));
  if (input.siteAdmin) filters.push(eq(input.siteAdmin === "manual" ? users.siteAdminManual : users.siteAdminScim, true));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ user: users, scimUserName: scimIdentities.userName, scimUpdatedAt: scimIdentities.updatedAt })
      .from(users)
      .leftJoin(scimIdentities, eq(scimIdentities.userId, users.id))
      .where(where)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(input.size)
      .offset((input.page - 1) * input.size),
    db
      .select({ n: count() })
      .from(users)
      .leftJoin(scimIdentities, eq(scimIdentities.userId, users.id))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
