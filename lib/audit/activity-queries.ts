// Reading provisioning activity (SPEC §5 `GET /admin/scim-activity`, §9): newest first, filtered
// by status class or code, method, resource and token, with per-minute counts by status class
// for the chart; and the retention that keeps the table bounded.
import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { AppError } from "@/lib/errors";

export interface ActivityFilters {
  status?: { from: number; to: number };
  method?: string;
  resource?: "User" | "Group";
  token?: string;
  since: Date;
  until: Date;
}

export const ACTIVITY_RETENTION = { days: 30, rows: 100_000 };
const MINUTE = 60_000;
/** The chart covers at most 24 hours (1,440 points). */
const MAX_SERIES_MINUTES = 24 * 60;

export function parseActivityFilters(url: URL, now: Date): ActivityFilters {
  const get = (k: string) => url.searchParams.get(`filter[${k}]`)?.trim() || undefined;
  const bad = (k: string, why: string) => new AppError("bad_request", `filter[${k}] ${why}`, { pointer: `filter[${k}]` });
  const date = (k: string) => {
    const v = get(k);
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw bad(k, "must be an ISO-8601 time");
    return d;
  };
  const until = date("until") ?? now;
  const since = date("since") ?? new Date(until.getTime() - 60 * MINUTE);
  if (since.getTime() > until.getTime()) throw bad("since", "must not be after filter[until]");
  let status: ActivityFilters["status"];
  const s = get("status");
  if (s !== undefined) {
    if (/^[1-5]xx$/i.test(s)) status = { from: Number(s[0]) * 100, to: Number(s[0]) * 100 + 99 };
    else if (/^[1-5]\d\d$/.test(s)) status = { from: Number(s), to: Number(s) };
    else throw bad("status", 'must be "2xx", "4xx", "5xx" or a status code');
  }
  const method = get("method")?.toUpperCase();
  if (method !== undefined && !["GET", "POST", "PUT", "PATCH", "DELETE"].includes(method)) throw bad("method", "must be GET, POST, PUT, PATCH or DELETE");
  const r = get("resource")?.toLowerCase();
  if (r !== undefined && r !== "users" && r !== "groups") throw bad("resource", 'must be "Users" or "Groups"');
  return { status, method, resource: r === "users" ? "User" : r === "groups" ? "Group" : undefined, token: get("token"), since, until };
}

function conditions(f: ActivityFilters, withWindow: boolean): SQL {
  const parts: SQL[] = [];
  if (withWindow) parts.push(sql`r.occurred_at >= ${f.since.toISOString()}::timestamptz and r.occurred_at <= ${f.until.toISOString()}::timestamptz`);
  if (f.status) parts.push(sql`r.status between ${f.status.from} and ${f.status.to}`);
  if (f.method) parts.push(sql`r.method = ${f.method}`);
  if (f.resource) parts.push(sql`r.resource_type = ${f.resource}`);
  if (f.token) parts.push(sql`r.token_id = ${f.token}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

export interface ActivityRowView {
  id: number;
  occurredAt: Date;
  method: string;
  path: string;
  status: number;
  scimType: string | null;
  durationMs: number;
  tokenId: string | null;
  requestId: string;
  resourceType: string | null;
  resourceId: string | null;
  /** The Roster user behind a User resource, while its SCIM identity exists. */
  userId: string | null;
}

/**
 * The table: every row matching the filters within the window, newest first (time range filters
 * apply to the table too, so "what happened at 10:42" is one query).
 */
export async function listActivity(db: DbOrTx, f: ActivityFilters, page: { number: number; size: number }) {
  const where = conditions(f, true);
  const [rows, [total]] = await Promise.all([
    db.execute(sql`
      select r.id, r.occurred_at, r.method, r.path, r.status, r.scim_type, r.duration_ms, r.token_id, r.request_id,
             r.resource_type, r.resource_id, i.user_id
      from scim_requests r
      left join scim_identities i on r.resource_type = 'User' and i.id::text = r.resource_id
      where ${where}
      order by r.occurred_at desc, r.id desc
      limit ${page.size} offset ${(page.number - 1) * page.size}`),
    db.execute(sql`select count(*) as n from scim_requests r where ${where}`).then((r) => rowsOf<{ n: number | string }>(r)),
  ]);
  type Raw = {
    id: number | string; occurred_at: string | Date; method: string; path: string; status: number; scim_type: string | null; duration_ms: number;
    token_id: string | null; request_id: string; resource_type: string | null; resource_id: string | null; user_id: string | null;
  };
  return {
    rows: rowsOf<Raw>(rows).map(
      (r): ActivityRowView => ({
        id: Number(r.id),
        occurredAt: new Date(typeof r.occurred_at === "string" && !/[zZ]|[+-]\d\d(:?\d\d)?$/.test(r.occurred_at) ? `${r.occurred_at}Z` : r.occurred_at),
        method: r.method,
        path: r.path,
        status: Number(r.status),
        scimType: r.scim_type,
        durationMs: Number(r.duration_ms),
        tokenId: r.token_id,
        requestId: r.request_id,
        resourceType: r.resource_type,
        resourceId: r.resource_id,
        userId: r.user_id,
      }),
    ),
    total: Number(total?.n ?? 0),
  };
}

export interface SeriesPoint {
  minute: Date;
  "2xx": number;
  "4xx": number;
  "5xx": number;
}

/** Requests per minute by status class over the window (zero-filled; at most 24 hours). */
export async function activitySeries(db: DbOrTx, f: ActivityFilters): Promise<SeriesPoint[]> {
  const end = Math.floor(f.until.getTime() / MINUTE) * MINUTE;
  const start = Math.max(Math.floor(f.since.getTime() / MINUTE) * MINUTE, end - (MAX_SERIES_MINUTES - 1) * MINUTE);
  const rows = rowsOf<{ minute: string | Date; c2: number | string; c4: number | string; c5: number | string }>(
    await db.execute(sql`
      select date_trunc('minute', r.occurred_at) as minute,
             count(*) filter (where r.status < 400) as c2,
             count(*) filter (where r.status between 400 and 499) as c4,
             count(*) filter (where r.status >= 500) as c5
      from scim_requests r
      where r.occurred_at >= ${new Date(start).toISOString()}::timestamptz and r.occurred_at < ${new Date(end + MINUTE).toISOString()}::timestamptz
        and ${conditions({ ...f, status: undefined }, false)}
      group by 1`),
  );
  const byMinute = new Map(rows.map((r) => [new Date(r.minute).getTime(), r]));
  const out: SeriesPoint[] = [];
  for (let t = start; t <= end; t += MINUTE) {
    const r = byMinute.get(t);
    out.push({ minute: new Date(t), "2xx": Number(r?.c2 ?? 0), "4xx": Number(r?.c4 ?? 0), "5xx": Number(r?.c5 ?? 0) });
  }
  return out;
}

/**
 * Retention (SPEC §9, §14): activity older than 30 days or beyond the newest 100,000 rows, and
 * rate-limit buckets idle for a day. At most one node prunes at a time (advisory lock); callers
 * run it off the request path at most once a minute.
 */
export async function pruneActivity(db: Db, now = new Date()) {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('roster.prune-activity')) as ok`));
    if (!lock?.ok) return { activity: 0, buckets: 0 };
    const cutoff = new Date(now.getTime() - ACTIVITY_RETENTION.days * 86_400_000).toISOString();
    const old = rowsOf<{ n: number | string }>(
      await tx.execute(sql`
        with gone as (
          delete from scim_requests where occurred_at < ${cutoff}::timestamptz
             or id < (select id from scim_requests order by id desc offset ${ACTIVITY_RETENTION.rows - 1} limit 1)
          returning 1)
        select count(*) as n from gone`),
    );
    const buckets = rowsOf<{ n: number | string }>(
      await tx.execute(sql`
        with gone as (delete from rate_limit_buckets where updated_at < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz returning 1)
        select count(*) as n from gone`),
    );
    return { activity: Number(old[0]?.n ?? 0), buckets: Number(buckets[0]?.n ?? 0) };
  });
}
