import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    /** scrypt hash; null for SSO-only accounts. */
    passwordHash: text("password_hash"),
    suspendedAt: ts("suspended_at"),
    /** Who suspended: a SCIM reactivation never lifts an admin's suspension. */
    suspendedBy: text("suspended_by", { enum: ["admin", "scim"] }),
    siteAdminManual: boolean("site_admin_manual").notNull().default(false),
    siteAdminScim: boolean("site_admin_scim").notNull().default(false),
    /** Bumped on sign-out and suspension: every session carrying an older value is dead. */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_username_lower_key").on(sql`lower(${t.username})`),
    index("users_created_at_id_idx").on(t.createdAt, t.id),
    check(
      "users_suspension_consistent",
      sql`(${t.suspendedAt} is null) = (${t.suspendedBy} is null)`,
    ),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
