import { sql } from "drizzle-orm";
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Organizations are addressed by name (TFE style); names are unique case-insensitively. */
export const organizations = pgTable(
  "organizations",
  {
    name: text("name").primaryKey(),
    email: text("email").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_name_lower_key").on(sql`lower(${t.name})`),
    index("organizations_created_at_idx").on(t.createdAt, t.name),
  ],
);

export const organizationMemberships = pgTable(
  "organization_memberships",
  {
    organizationName: text("organization_name")
      .notNull()
      .references(() => organizations.name, { onDelete: "cascade", onUpdate: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationName, t.userId] }),
    index("organization_memberships_user_idx").on(t.userId),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: text("id").primaryKey(),
    organizationName: text("organization_name")
      .notNull()
      .references(() => organizations.name, { onDelete: "cascade", onUpdate: "cascade" }),
    name: text("name").notNull(),
    isOwners: boolean("is_owners").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("teams_org_name_lower_key").on(t.organizationName, sql`lower(${t.name})`),
    // Exactly one owners team per organization (creation makes it; nothing deletes it).
    uniqueIndex("teams_one_owners_per_org").on(t.organizationName).where(sql`${t.isOwners}`),
    index("teams_org_created_idx").on(t.organizationName, t.createdAt, t.id),
  ],
);

export const teamMemberships = pgTable(
  "team_memberships",
  {
    // References teams.id and users.id (deleting either deletes the membership). Team sync
    // writes memberships by the hundred thousand, so the integrity check runs once per statement,
    // set-based, in triggers of migration 0004, instead of two foreign-key lookups per row.
    teamId: text("team_id").notNull(),
    userId: text("user_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_memberships_user_idx").on(t.userId)],
);

export type OrganizationRow = typeof organizations.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
