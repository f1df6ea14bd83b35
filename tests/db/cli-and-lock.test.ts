// The admin CLI on the configured database, and PGlite's one-process rule.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { authenticateUserApiToken } from "@/lib/tokens/user-api-tokens";
import { findUserById } from "@/lib/admin/users/user-queries";
import { freshDb } from "../db";
import { uniq } from "../factories";

const run = promisify(execFile);
const SECRET = "cli-test-secret-cli-test-secret-cli-test";
const tsx = path.resolve("node_modules/.bin/tsx");
const dirs: string[] = [];
// At the top level: freshDb registers the database's drop in afterAll, which inside a test never ran
// (every PostgreSQL run left this file's database behind).
const t = await freshDb();
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cliEnv(extra: Record<string, string | undefined>) {
  const e: NodeJS.ProcessEnv = { NODE_ENV: "development" };
  for (const [k, v] of Object.entries({ ...process.env, AUTH_SECRET: SECRET, NODE_ENV: "development", ...extra })) {
    if (v !== undefined) e[k] = v;
  }
  return e;
}

async function admin(args: string[], extra: Record<string, string | undefined>) {
  try {
    const r = await run(tsx, ["scripts/admin.ts", ...args], { env: cliEnv(extra) });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npm run admin -- create", () => {
  it("creates a site admin and prints a working API token (configured database)", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "roster-cli-"));
    dirs.push(dataDir);
    const extra = t.url ? { DATABASE_URL: t.url } : { DATABASE_URL: undefined, ROSTER_DATA_DIR: dataDir };
    const email = `${uniq("cli")}@example.com`;
    const r = await admin(["create", "--email", email, "--password", "correct horse battery staple", "--api-token"], extra);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { userId: string; token: string };
    expect(Object.keys(out).sort()).toEqual(["token", "userId"]);
    const plain = await admin(["create", "--email", `${uniq("cli")}@example.com`, "--password", "correct horse battery staple"], extra);
    expect(Object.keys(JSON.parse(plain.stdout))).toEqual(["userId"]);
    const dup = await admin(["create", "--email", email.toUpperCase(), "--password", "correct horse battery staple"], extra);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const usage = await admin(["create", "--email", email], extra);
    expect(usage.code).toBe(64);

    const handle = t.url ? null : await createDb({ dataDir });
    const db = handle ? handle.db : t.db;
    try {
      if (handle) await migrateDb(handle);
      const user = await findUserById(db, out.userId);
      expect(user).toMatchObject({ email, siteAdminManual: true });
      const hit = await authenticateUserApiToken(db, { AUTH_SECRET: SECRET }, out.token, new Date());
      expect(hit?.user.id).toBe(out.userId);
    } finally {
      await handle?.close();
    }
  });
});

describe("embedded database lock", () => {
  it("a second process refuses at once while another owns .data/, and never touches the files", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "roster-lock-"));
    dirs.push(dataDir);
    const owner = await createDb({ dataDir });
    try {
      await migrateDb(owner);
      const started = Date.now();
      const r = await admin(["create", "--email", `${uniq()}@example.com`, "--password", "correct horse battery staple"], {
        DATABASE_URL: undefined,
        ROSTER_DATA_DIR: dataDir,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/in use by another process \(pid \d+/);
      expect(r.stderr).toMatch(/DATABASE_URL/);
      expect(Date.now() - started).toBeLessThan(20_000);
      // The owner still works: its files were not opened by the refused process.
      const { countSiteAdmins } = await import("@/lib/admin/users/user-queries");
      expect(await countSiteAdmins(owner.db)).toBe(0);
    } finally {
      await owner.close();
    }
    // Once the owner is gone, the lock is free again.
    const r2 = await admin(["create", "--email", `${uniq()}@example.com`, "--password", "correct horse battery staple"], {
      DATABASE_URL: undefined,
      ROSTER_DATA_DIR: dataDir,
    });
    expect(r2.code).toBe(0);
  });
});
