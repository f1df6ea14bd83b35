import { sql } from "drizzle-orm";
import { boolean, check, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { scimGroups } from "./scim";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Singleton (id = 'scim'): the site's SCIM state (SPEC §3). */
export const scimSettings = pgTable(
  "scim_settings",
  {
    id: text("id").primaryKey().default("scim"),
    enabled: boolean("enabled").notNull().default(false),
    paused: boolean("paused").notNull().default(false),
    siteAdminGroupId: uuid("site_admin_group_id").references(() => scimGroups.id, { onDelete: "set null" }),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("scim_settings_singleton", sql`${t.id} = 'scim'`),
    check("scim_settings_paused_needs_enabled", sql`${t.enabled} or not ${t.paused}`),
  ],
);

/** Singleton (id = 'saml'): the identity provider's SAML settings. */
export const samlSettings = pgTable(
  "saml_settings",
  {
    id: text("id").primaryKey().default("saml"),
    enabled: boolean("enabled").notNull().default(false),
    providerType: text("provider_type", { enum: ["okta", "entra", "saml"] }),
    idpEntityId: text("idp_entity_id"),
    ssoUrl: text("sso_url"),
    certificate: text("certificate"),
    idpInitiatedEnabled: boolean("idp_initiated_enabled").notNull().default(false),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [check("saml_settings_singleton", sql`${t.id} = 'saml'`)],
);

/** Assertion ids already consumed, kept until they expire (one-time use). */
export const samlAssertionReplays = pgTable("saml_assertion_replays", {
  assertionId: text("assertion_id").primaryKey(),
  expiresAt: ts("expires_at").notNull(),
});

export type ScimSettingsRow = typeof scimSettings.$inferSelect;
export type SamlSettingsRow = typeof samlSettings.$inferSelect;
