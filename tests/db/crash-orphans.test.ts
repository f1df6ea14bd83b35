// SPEC §11: an app node killed with SIGKILL mid-statement leaves no PostgreSQL backend working
// (and holding locks) on its behalf: the app's connections check that their client is alive.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { freshDb } from "../db";

const t = await freshDb();

// The child opens the database as the server does (db/client.ts), takes a lock and runs a long
// statement, printing its backend pid first.
const STATEMENT_SECONDS = 20;
const CHILD = `
import { createDb } from "./db/client.ts";
import { sql } from "drizzle-orm";
void (async () => {
  const h = await createDb({ url: process.env.CHILD_DB_URL, max: 1 });
  await h.db.transaction(async (tx) => {
    await tx.execute(sql\`lock table users in exclusive mode\`);
    const [row] = await tx.execute(sql\`select pg_backend_pid() as pid\`);
    process.stdout.write("pid " + row.pid + "\\n");
    await tx.execute(sql\`select pg_sleep(${STATEMENT_SECONDS})\`);
  });
})();
`;

async function backendAlive(watch: postgres.Sql, pid: number) {
  const rows = await watch`select state from pg_stat_activity where pid = ${pid}`;
  return rows.length > 0;
}

describe.skipIf(!t.url)("crash of an app node (PostgreSQL)", () => {
  it("ends the killed node's running statement and frees its locks before the statement would have ended", { timeout: 40_000 }, async () => {
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
      // Without the connection check the backend sleeps out its whole statement holding the
      // table lock; with it, the backend ends about a second after its client is gone. Watch for
      // half the statement's length: the outcome, not a speed, is what is checked.
      const watchUntil = Date.now() + (STATEMENT_SECONDS * 1000) / 2;
      while ((await backendAlive(watch, pid)) && Date.now() < watchUntil) await new Promise((r) => setTimeout(r, 100));
      expect(await backendAlive(watch, pid)).toBe(false);
      const [lock] = await watch.begin((sql) => sql`lock table users in exclusive mode nowait`.then(() => [{ free: true }]));
      expect(lock).toEqual({ free: true });
    } finally {
      killAll();
      await watch.end();
    }
  });
});
