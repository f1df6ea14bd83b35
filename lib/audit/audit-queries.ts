// Reading the audit log (SPEC §5 `GET /admin/audit-events`): newest first, filtered by action
// (exact, or a prefix ending in "."), actor, target, time range, request id, or everything about
// one user.
import { and, desc, eq, gte, like, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents, scimIdentities } from "@/db/schema";
import { escapeLike } from "@/db/sql-values";
import { AppError } from "@/lib/errors";

export interface AuditFilters {
  action?: string;
  actor?: string;
  target?: string;
  since?: Date;
  until?: Date;
  /** A Roster user id: events whose target is the user (or their SCIM identity), or whose actor they are. */
  user?: string;
  /** Exact request id: the X-Request-Id of the request, and the reference a failed SSO sign-in shows. */
  requestId?: string;
}

/** Request ids are UUIDs; anything longer than this is not one. */
const MAX_REQUEST_ID_LENGTH = 100;

/** Parses `filter[...]` query parameters; bad dates and over-long request ids are a 400 naming the parameter. */
export function parseAuditFilters(url: URL): AuditFilters {
  const get = (k: string) => url.searchParams.get(`filter[${k}]`)?.trim() || undefined;
  const date = (k: string) => {
    const v = get(k);
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new AppError("bad_request", `filter[${k}] must be an ISO-8601 time`, { pointer: `filter[${k}]` });
    return d;
  };
  const requestId = get("request-id");
  if (requestId !== undefined && requestId.length > MAX_REQUEST_ID_LENGTH) {
    throw new AppError("bad_request", `filter[request-id] must be at most ${MAX_REQUEST_ID_LENGTH} characters`, { pointer: "filter[request-id]" });
  }
  return { action: get("action"), actor: get("actor"), target: get("target"), since: date("since"), until: date("until"), user: get("user"), requestId };
}

export async function listAuditEvents(db: DbOrTx, filters: AuditFilters, page: { number: number; size: number }) {
  const where: SQL[] = [];
  if (filters.action) {
    where.push(filters.action.endsWith(".") ? like(auditEvents.action, `${escapeLike(filters.action)}%`) : eq(auditEvents.action, filters.action));
  }
  if (filters.actor) where.push(eq(auditEvents.actorId, filters.actor));
  if (filters.target) where.push(eq(auditEvents.targetId, filters.target));
  if (filters.since) where.push(gte(auditEvents.occurredAt, filters.since));
  if (filters.until) where.push(lte(auditEvents.occurredAt, filters.until));
  if (filters.requestId) where.push(eq(auditEvents.requestId, filters.requestId));
  if (filters.user) {
    const identity = db.select({ id: sql`${scimIdentities.id}::text` }).from(scimIdentities).where(eq(scimIdentities.userId, filters.user));
    where.push(
      or(
        eq(auditEvents.targetId, filters.user),
        eq(auditEvents.actorId, filters.user),
        sql`${auditEvents.targetId} in (${identity})`,
        sql`${auditEvents.summary}->>'userId' = ${filters.user}`,
        // Team membership changes list the users they touched.
        sql`(${auditEvents.summary}->'userIds') @> jsonb_build_array(${filters.user}::text)`,
      )!,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(condition)
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(page.size)
      .offset((page.number - 1) * page.size),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents).where(condition),
  ]);
  return { rows, total: total?.n ?? 0 };
}
