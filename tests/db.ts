// A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
// on the PostgreSQL server of DATABASE_URL (created here, dropped afterwards).
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { createDb, type Db, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";

export interface TestDb {
  db: Db;
  driver: DbHandle["driver"];
  url?: string;
}

export async function freshDb(): Promise<TestDb> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = await createDb({ dataDir: "memory" });
    await migrateDb(handle);
    afterAll(() => handle.close());
    return { db: handle.db, driver: handle.driver };
  }
  const { default: postgres } = await import("postgres");
  const name = `roster_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), max: 10 });
  await migrateDb(handle, url.toString());
  afterAll(async () => {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return { db: handle.db, driver: handle.driver, url: url.toString() };
}

export { rowsOf } from "@/db/rows";
