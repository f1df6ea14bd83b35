import { bigserial, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Append-only (a trigger refuses UPDATE and DELETE). One row per state-changing request. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: ts("occurred_at").notNull().defaultNow(),
    action: text("action").notNull(),
    actorType: text("actor_type"),
    actorId: text("actor_id"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: text("outcome", { enum: ["success", "noop", "failure"] }).notNull().default("success"),
    requestId: text("request_id"),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_occurred_idx").on(t.occurredAt.desc(), t.id.desc()),
    index("audit_events_action_idx").on(t.action, t.occurredAt.desc()),
    index("audit_events_actor_idx").on(t.actorId, t.occurredAt.desc()),
    index("audit_events_target_idx").on(t.targetId, t.occurredAt.desc()),
    // The reference a user is shown when sign-in fails (SPEC §14: X-Request-Id).
    index("audit_events_request_idx").on(t.requestId),
  ],
);

/** Provisioning activity: one row per /scim/v2 request, bounded retention (SPEC §9). */
export const scimRequests = pgTable(
  "scim_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: ts("occurred_at").notNull().defaultNow(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    resourceType: text("resource_type"),
    resourceId: text("resource_id"),
    status: integer("status").notNull(),
    scimType: text("scim_type"),
    durationMs: integer("duration_ms").notNull(),
    tokenId: text("token_id"),
    requestId: text("request_id").notNull(),
  },
  (t) => [
    index("scim_requests_occurred_idx").on(t.occurredAt.desc(), t.id.desc()),
    index("scim_requests_status_idx").on(t.status, t.occurredAt.desc()),
    index("scim_requests_token_idx").on(t.tokenId, t.occurredAt.desc()),
  ],
);

/** Token buckets for every rate limit; shared by all app nodes. */
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    key: text("key").primaryKey(),
    tokens: doublePrecision("tokens").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("rate_limit_buckets_updated_idx").on(t.updatedAt)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type ScimRequestRow = typeof scimRequests.$inferSelect;
