// The hot pool: a second, small postgres.js pool for the statements every SCIM request runs (the
// gate, look-ups and reads, activity batches). On a small machine the main pool's ten connections
// each cost a write and a wake-up per statement, and up to ten PostgreSQL backends then compete
// with the server for the cores; two connections that pipeline concurrent statements (postgres.js
// sends whatever queued in one tick as one write) do the same work with less CPU on both sides:
// in an A/B run on the 2-core VM, alternating pools every 3 s against one server, deactivations,
// creates and `userName eq` look-ups each served 19–28% more requests with lower p50 and p99.
// Writes stay on the main pool (`{ hot: false }` in db/prepared.ts): with them here, the main
// pool's backends went cold and the group PATCHes that run there took twice as long (README).
//
// A pipelined statement waits for those ahead of it on its connection, so no statement may wait
// long there: hot connections give up on a lock after HOT_LOCK_TIMEOUT, and the statement is then
// run again on the main pool (an autocommit statement that failed applied nothing), where it waits
// as long as any other (DB_LOCK_TIMEOUT, then the retryable 503). Transactions never use the hot
// pool: they hold their connection for their whole length.
import type { DbOrTx } from "./client";

/** Connections of the hot pool: one per core, at least two. */
export const hotPoolSize = (cores: number) => Math.max(2, cores);

/** How long (ms) a hot statement waits for a lock before it moves to the main pool. */
export const HOT_LOCK_TIMEOUT = 200;

// On the handle itself, under a global symbol: Next.js may load this module once per bundle, and
// every copy must find the twin of the one shared handle (lib/db.ts).
const TWIN = Symbol.for("roster.db.hot-twin");
type WithTwin = { [TWIN]?: DbOrTx };

/** Registers `hot` as the hot twin of the main handle `db` (createDb does, for PostgreSQL). */
export function setHotTwin(db: DbOrTx, hot: DbOrTx) {
  (db as WithTwin)[TWIN] = hot;
}

/** Where a single statement of `db` runs: its hot twin, or `db` itself (transactions, PGlite). */
export function hotOf<T extends DbOrTx>(db: T): T {
  return ((db as WithTwin)[TWIN] as T | undefined) ?? db;
}

/** lock_not_available, from the driver or wrapped by drizzle in `cause`. */
function isLockTimeout(e: unknown) {
  for (let cur = e, i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    if ((cur as { code?: unknown }).code === "55P03") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs one autocommit statement on `db`'s hot twin; if it gave up on a lock there, runs it again
 * on `db`. `run` must be a single statement (safe to repeat after a failure).
 */
export async function onHotPool<T>(db: DbOrTx, run: (db: DbOrTx) => Promise<T>): Promise<T> {
  const hot = hotOf(db);
  if (hot === db) return run(db);
  try {
    return await run(hot);
  } catch (e) {
    if (!isLockTimeout(e)) throw e;
    return run(db);
  }
}
