// SPEC §11: an app node killed with SIGKILL mid-statement leaves no PostgreSQL backend working
// (and holding locks) on its behalf: the app's connections check that their client is alive.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { DB_CLIENT_CHECK_INTERVAL } from "@/db/client";
import { freshDb } from "../db";

const t = await freshDb();

// The child opens the database as the server does (db/client.ts), takes a lock and runs a long
// statement, printing its backend pid first.
const CHILD = `
import { createDb } from "./db/client.ts";
import { sql } from "drizzle-orm";
void (async () => {
  const h = await createDb({ url: process.env.CHILD_DB_URL, max: 1 });
  await h.db.transaction(async (tx) => {
    await tx.execute(sql\`lock table users in exclusive mode\`);
    const [row] = await tx.execute(sql\`select pg_backend_pid() as pid\`);
    process.stdout.write("pid " + row.pid + "\\n");
    await tx.execute(sql\`select pg_sleep(20)\`);
  });
})();
`;

async function backendAlive(watch: postgres.Sql, pid: number) {
  const rows = await watch`select state from pg_stat_activity where pid = ${pid}`;
  return rows.length > 0;
}

describe.skipIf(!t.url)("crash of an app node (PostgreSQL)", () => {
  it("ends the killed node's running statement and frees its locks within about the check interval", { timeout: 40_000 }, async () => {
    const watch = postgres(t.url!, { max: 1, onnotice: () => {} });
    const child = spawn("node_modules/.bin/tsx", ["--eval", CHILD], { env: { ...process.env, CHILD_DB_URL: t.url }, stdio: ["ignore", "pipe", "inherit"], detached: true });
    // tsx runs the script in a child process of its own: kill the whole group, as a crash would.
    const killAll = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    };
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /pid (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on("exit", (code) => reject(new Error(`child exited (${code}) before starting its statement`)));
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await backendAlive(watch, pid)).toBe(true);

      killAll();
      const killedAt = Date.now();
      while ((await backendAlive(watch, pid)) && Date.now() - killedAt < 15_000) await new Promise((r) => setTimeout(r, 100));
      const gone = Date.now() - killedAt;
      // Without the check the backend would sleep out its 20 s holding the table lock.
      expect(gone).toBeLessThan(DB_CLIENT_CHECK_INTERVAL + 3_000);
      const [lock] = await watch.begin(async (sql) => {
        await sql`set local lock_timeout = 1000`;
        return sql`lock table users in exclusive mode nowait`.then(() => [{ free: true }]);
      });
      expect(lock).toEqual({ free: true });
    } finally {
      killAll();
      await watch.end();
    }
  });
});
