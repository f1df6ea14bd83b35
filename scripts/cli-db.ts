// Opens the configured database for a command-line tool. With PGlite this takes the lock on
// .data/, so a CLI run while the server owns the files fails at once with what to do instead.
import { createDb, DatabaseBusyError, type DbHandle } from "../db/client";
import { migrateDb } from "../db/migrate";
import { ConfigError, env } from "../lib/env";

export async function openCliDb(): Promise<DbHandle> {
  try {
    const e = env();
    const handle = await createDb({ url: e.DATABASE_URL, dataDir: e.dataDir, max: 2 });
    await migrateDb(handle, e.DATABASE_URL);
    return handle;
  } catch (err) {
    if (err instanceof DatabaseBusyError || err instanceof ConfigError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
