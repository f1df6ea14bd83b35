import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** SCIM bearer tokens (`at-…`). Only an HMAC-SHA-256 digest of the secret is kept. */
export const scimTokens = pgTable(
  "scim_tokens",
  {
    id: text("id").primaryKey(),
    description: text("description"),
    secretDigest: text("secret_digest").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiredAt: ts("expired_at").notNull(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("scim_tokens_digest_key").on(t.secretDigest),
    index("scim_tokens_active_idx").on(t.createdAt, t.id).where(sql`${t.revokedAt} is null`),
  ],
);

/** Personal API tokens (`ut-…`) for the admin API, owned by a user. */
export const userApiTokens = pgTable(
  "user_api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    description: text("description"),
    secretDigest: text("secret_digest").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiredAt: ts("expired_at").notNull(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("user_api_tokens_digest_key").on(t.secretDigest),
    index("user_api_tokens_user_idx").on(t.userId, t.createdAt, t.id),
  ],
);

export type ScimTokenRow = typeof scimTokens.$inferSelect;
export type UserApiTokenRow = typeof userApiTokens.$inferSelect;
