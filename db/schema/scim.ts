import { sql } from "drizzle-orm";
import { bigint, boolean, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { teams } from "./organizations";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A SCIM user: the IdP's view of one Roster user. `active` derives from users.suspended_at. */
export const scimIdentities = pgTable(
  "scim_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userName: text("user_name").notNull(),
    externalId: text("external_id"),
    givenName: text("given_name"),
    familyName: text("family_name"),
    middleName: text("middle_name"),
    formattedName: text("formatted_name"),
    displayName: text("display_name"),
    emailType: text("email_type"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scim_identities_user_key").on(t.userId),
    uniqueIndex("scim_identities_user_name_lower_key").on(sql`lower(${t.userName})`),
    uniqueIndex("scim_identities_external_id_key").on(t.externalId).where(sql`${t.externalId} is not null`),
    index("scim_identities_display_name_lower_idx").on(sql`lower(${t.displayName})`),
    index("scim_identities_created_id_idx").on(t.createdAt, t.id),
  ],
);

/**
 * The exact number of SCIM users, kept by statement triggers in 16 slots (one picked by backend
 * pid, so parallel creates rarely touch the same row): an unfiltered list reads its total in
 * constant time at any size (SPEC §12 (g)). The total is the sum of the slots.
 */
export const scimIdentityCounts = pgTable("scim_identity_counts", {
  slot: smallint("slot").primaryKey(),
  n: bigint("n", { mode: "number" }).notNull().default(0),
});

export const scimGroups = pgTable(
  "scim_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    displayName: text("display_name").notNull(),
    externalId: text("external_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scim_groups_display_name_lower_key").on(sql`lower(${t.displayName})`),
    uniqueIndex("scim_groups_external_id_key").on(t.externalId).where(sql`${t.externalId} is not null`),
    index("scim_groups_created_id_idx").on(t.createdAt, t.id),
  ],
);

export const scimGroupMembers = pgTable(
  "scim_group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => scimGroups.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => scimIdentities.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.identityId] }),
    index("scim_group_members_identity_idx").on(t.identityId),
  ],
);

/** One team → at most one SCIM group; one group → many teams. */
export const teamScimLinks = pgTable(
  "team_scim_links",
  {
    teamId: text("team_id")
      .primaryKey()
      .references(() => teams.id, { onDelete: "cascade" }),
    scimGroupId: uuid("scim_group_id")
      .notNull()
      .references(() => scimGroups.id, { onDelete: "cascade" }),
    syncPaused: boolean("sync_paused").notNull().default(false),
    syncedAt: ts("synced_at").notNull().defaultNow(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("team_scim_links_group_idx").on(t.scimGroupId, t.teamId)],
);

export type ScimIdentityRow = typeof scimIdentities.$inferSelect;
export type ScimGroupRow = typeof scimGroups.$inferSelect;
