// The server's one database: created on first use, migrated once, shared by every bundle of the
// process (route handlers and server components may load this module separately).
import { createDb, type Db, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { env } from "@/lib/env";

const KEY = Symbol.for("roster.db");
type Holder = { promise?: Promise<DbHandle> };
const holder: Holder = ((globalThis as Record<symbol, unknown>)[KEY] as Holder) ?? {};
(globalThis as Record<symbol, unknown>)[KEY] = holder;

export function getDbHandle(): Promise<DbHandle> {
  if (!holder.promise) {
    holder.promise = (async () => {
      const e = env();
      const handle = await createDb({ url: e.DATABASE_URL, dataDir: e.dataDir });
      await migrateDb(handle, e.DATABASE_URL);
      return handle;
    })();
    holder.promise.catch(() => {
      holder.promise = undefined;
    });
  }
  return holder.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Closes the server's database if it was opened (a clean stop; PGlite releases its lock). */
export async function closeDb() {
  const opened = holder.promise;
  if (!opened) return;
  holder.promise = undefined;
  await (await opened).close();
}
