// Provisioning activity (SPEC §9): one scim_requests row per /scim/v2 request, failures included.
// Rows are queued in memory and written in batches within a second, off the request path (the
// last second may be lost on SIGKILL; audit rows never are).
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { scimRequests } from "@/db/schema";
import { log } from "@/lib/log";
import { pruneActivity } from "./activity-queries";

export type ActivityRow = typeof scimRequests.$inferInsert;

// Path segments kept as sent: endpoint and resource-type names, ids and schema URNs. Anything else
// (a client that puts an email or its token where an id belongs) becomes "…".
const KNOWN_SEGMENT = /^(|users|groups|serviceproviderconfig|resourcetypes|schemas|user|group|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|urn:ietf:params:scim:schemas:core:2\.0:(user|group))$/i;

/** The path with its /scim/v2 prefix; query values (filters can name people) and unknown path segments become "…". */
export function sanitizeScimPath(url: URL) {
  const keys = [...new Set([...url.searchParams.keys()])];
  const query = keys.map((k) => `${encodeURIComponent(k)}=…`).join("&");
  const [, scim, v2, ...rest] = url.pathname.split("/");
  const path = `/${scim}/${v2}` + rest.map((segment) => `/${KNOWN_SEGMENT.test(segment) ? segment : "…"}`).join("");
  return path.slice(0, 512) + (query ? `?${query}` : "");
}

export function resourceOf(url: URL): { resourceType: string | null; resourceId: string | null } {
  const [, , , resource, id] = url.pathname.split("/");
  const type = resource?.toLowerCase() === "users" ? "User" : resource?.toLowerCase() === "groups" ? "Group" : null;
  return { resourceType: type, resourceId: type && id && /^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : null };
}

// A batch travels as one JSON parameter: one prepared statement whatever the batch size, and no
// per-value parameter building (drizzle took about 7 ms of one thread per 200 rows, a stall for
// every request in flight).
const insertBatch = preparedStatement(
  "scim_requests_batch",
  () => sql`
    insert into ${scimRequests} (occurred_at, method, path, resource_type, resource_id, status, scim_type, duration_ms, token_id, request_id)
    select occurred_at, method, path, resource_type, resource_id, status, scim_type, duration_ms, token_id, request_id
    from json_to_recordset(${sql.placeholder("rows")}::json) as r(
      occurred_at timestamptz, method text, path text, resource_type text, resource_id text,
      status integer, scim_type text, duration_ms integer, token_id text, request_id text)`,
);

export async function writeActivity(db: Db, rows: ActivityRow[]) {
  if (!rows.length) return;
  const json = rows.map((r) => ({
    occurred_at: (r.occurredAt ?? new Date()).toISOString(),
    method: r.method,
    path: r.path,
    resource_type: r.resourceType ?? null,
    resource_id: r.resourceId ?? null,
    status: r.status,
    scim_type: r.scimType ?? null,
    duration_ms: r.durationMs,
    token_id: r.tokenId ?? null,
    request_id: r.requestId,
  }));
  await insertBatch(db, { rows: JSON.stringify(json) });
}

const KEY = Symbol.for("roster.activity-queue");
type Queue = { rows: ActivityRow[]; timer?: ReturnType<typeof setTimeout>; db?: () => Promise<Db>; flushing: Promise<void>; flushQueued?: boolean };
const queue: Queue = ((globalThis as Record<symbol, unknown>)[KEY] as Queue) ?? { rows: [], flushing: Promise.resolve() };
(globalThis as Record<symbol, unknown>)[KEY] = queue;

const FLUSH_MS = 250;
const MAX_BATCH = 500;

const PRUNE_EVERY_MS = 60_000;
let lastPruned = 0;

/**
 * Writes the queued rows. Flushes run one after another, so awaiting this also waits for a flush
 * already under way (a clean stop closes the database only after it).
 */
export function flushActivity(): Promise<void> {
  if (!queue.flushQueued) {
    // One flush waits behind the running one; it takes every row queued by the time it starts.
    queue.flushQueued = true;
    queue.flushing = queue.flushing.then(() => {
      queue.flushQueued = false;
      return writeQueued();
    });
  }
  return queue.flushing;
}

async function writeQueued() {
  if (queue.timer) clearTimeout(queue.timer);
  queue.timer = undefined;
  const batch = queue.rows.splice(0, queue.rows.length);
  if (!batch.length || !queue.db) return;
  try {
    const db = await queue.db();
    for (let i = 0; i < batch.length; i += MAX_BATCH) await writeActivity(db, batch.slice(i, i + MAX_BATCH));
    // Retention runs here, after a flush and at most once a minute, never on a request's path.
    if (Date.now() - lastPruned >= PRUNE_EVERY_MS) {
      lastPruned = Date.now();
      await pruneActivity(db);
    }
  } catch (error) {
    log.warn("could not write provisioning activity", { rows: batch.length, error });
  }
}

export function logScimRequest(getDb: () => Promise<Db>, row: ActivityRow) {
  queue.db = getDb;
  queue.rows.push(row);
  if (queue.rows.length >= MAX_BATCH) void flushActivity();
  else if (!queue.timer) queue.timer = setTimeout(() => void flushActivity(), FLUSH_MS);
}
