// One database factory for both drivers: PGlite (embedded, default) or postgres.js (DATABASE_URL).
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { HOT_LOCK_TIMEOUT, hotPoolSize, setHotTwin } from "./hot";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** Directory for PGlite's files (ignored with `url`). `memory` keeps it in memory. */
  dataDir?: string | "memory";
  /** postgres.js pool size. */
  max?: number;
}

export class DatabaseBusyError extends Error {}

/**
 * Every PostgreSQL session of the app waits at most this long (ms) for a lock and runs a statement
 * at most this long, so no request exceeds 30 s (SPEC §11); the error maps to a retryable 503.
 * Set per connection at start-up, so no request pays a statement for it. (PGlite runs one
 * statement at a time and never waits for a lock.)
 */
export const DB_LOCK_TIMEOUT = 10_000;
export const DB_STATEMENT_TIMEOUT = 25_000;
/**
 * How often (ms) a PostgreSQL backend busy with one of our statements checks that the app is
 * still connected. A crashed app node (SIGKILL) then leaves no backend running on its behalf,
 * holding locks, for longer than about this long (SPEC §11); a backend waiting for the app's
 * next message already notices at once. PostgreSQL 14 or later.
 */
export const DB_CLIENT_CHECK_INTERVAL = 1_000;

// PGlite is single-process: the files under .data/ belong to whichever process opened them
// first. A lock file with the owner's pid makes every other process refuse at once.
function acquirePgliteLock(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(lockFile, "utf8").trim() === String(process.pid)) unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number.parseInt(readFileSync(lockFile, "utf8").trim(), 10);
      if (owner === process.pid) return () => {};
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new DatabaseBusyError(
          `The embedded database in ${dataDir} is in use by another process (pid ${owner}, ` +
            `usually the Roster server started by \`npm run dev\` or \`npm start\`). ` +
            `PGlite allows one process at a time: stop that process first, or set DATABASE_URL ` +
            `to use PostgreSQL, which any number of processes can share.`,
        );
      }
      // The owner is gone (crash or SIGKILL): the lock is stale.
      try {
        unlinkSync(lockFile);
      } catch {
        /* another process took it over first */
      }
    }
  }
  throw new DatabaseBusyError(`Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Statements with at most this many parameters are prepared (see `preparing`). */
const PREPARE_MAX_PARAMS = 40;

/**
 * drizzle sends every statement unprepared, so PostgreSQL parses and plans the hot ones on every
 * request. This wraps the postgres.js client (and each transaction's client) so that statements
 * of a fixed shape — the SCIM gate, look-ups, single-row writes — are prepared once per
 * connection and cached by their text. Long parameter lists (bulk inserts, member id lists),
 * whose texts vary with their length, stay unprepared so the cache stays small.
 */
type PgClient = import("postgres").Sql;
function preparing(client: PgClient): PgClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], opts?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...opts, prepare: (params?.length ?? 0) > 0 && (params?.length ?? 0) <= PREPARE_MAX_PARAMS });
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: PgClient) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: PgClient) => fn(preparing(tx)));
        };
      }
      if (prop === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: PgClient) => unknown;
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args, (tx: PgClient) => fn(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const connection = (lockTimeout: number, name: string) => ({
      application_name: name,
      lock_timeout: lockTimeout,
      statement_timeout: DB_STATEMENT_TIMEOUT,
      idle_in_transaction_session_timeout: 30_000,
      client_connection_check_interval: DB_CLIENT_CHECK_INTERVAL,
    });
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {}, connection: connection(DB_LOCK_TIMEOUT, "roster") });
    const db = drizzle(preparing(client), { schema }) as unknown as Db;
    // The hot pool (db/hot.ts) for the single statements of every SCIM request.
    const hotClient = postgres(options.url, { max: hotPoolSize(availableParallelism()), onnotice: () => {}, connection: connection(HOT_LOCK_TIMEOUT, "roster-hot") });
    setHotTwin(db, drizzle(preparing(hotClient), { schema }) as unknown as Db);
    return {
      db,
      driver: "postgres",
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), hotClient.end({ timeout: 5 })]);
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = options.dataDir ?? "memory";
  let release = () => {};
  let client;
  if (dir === "memory") {
    client = new PGlite();
  } else {
    release = acquirePgliteLock(dir);
    try {
      client = new PGlite(path.join(dir, "pglite"));
      await client.waitReady;
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}
