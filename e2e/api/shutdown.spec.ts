// SIGTERM drains in-flight requests before exit (SPEC "Operations"). This spec starts a server of
// its own (`npm start`, exactly as production, on the suite's kind of database: the embedded one in
// a temporary directory, or a fresh PostgreSQL database when the suite runs on PostgreSQL),
// leaves a SCIM create half-sent and a kept-alive connection idle, and sends SIGTERM the way
// `docker stop` or Kubernetes does: to the process it started. The create must still be answered
// and stored, with its provisioning-activity row (those are written in batches; the batch must not
// be lost on a clean stop), new connections must be refused, and the process must exit promptly
// with its database closed (the embedded one's lock released).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { selfSignedCertificate } from "../../tests/certificates";
import { E2E_AUTH_SECRET, E2E_PORT, JSONAPI } from "../env";
import { expect, test } from "../fixtures";
import { acceptsConnections, connectRaw, readResponse } from "../raw-http";

const PORT = E2E_PORT + 17;
const HOST = `127.0.0.1:${PORT}`;
const ORIGIN = `http://${HOST}`;
/** Set by scripts/test.sh when the suite runs on PostgreSQL: the server its databases are made on. */
const PG_BASE = process.env.DATABASE_URL ? process.env.BASE_DATABASE_URL : undefined;
const testDb = (command: "create" | "drop", name: string) =>
  execFileSync("npx", ["tsx", "scripts/test-db.ts", command, name], { env: { ...process.env, DATABASE_URL: PG_BASE }, encoding: "utf8" }).trim();

async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.describe("a clean stop", () => {
  test.describe.configure({ timeout: 120_000 });
  let dir = "";
  let dbName = "";
  let server: ChildProcess | undefined;
  let output = "";

  test.afterEach(() => {
    // The whole process group: a server that outlived npm must not keep the port.
    try {
      if (server?.pid) process.kill(-server.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (dbName) testDb("drop", dbName);
  });

  test("SIGTERM answers and stores a request already in flight, refuses new ones and exits", async ({ playwright }) => {
    dir = mkdtempSync(path.join(tmpdir(), "roster-shutdown-"));
    const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: E2E_AUTH_SECRET, ROSTER_DATA_DIR: dir, ROSTER_LOG_LEVEL: "info" };
    delete env.DATABASE_URL;
    delete env.PORT;
    if (PG_BASE) {
      dbName = `roster_e2e_stop_${Date.now()}_${process.pid}`;
      env.DATABASE_URL = testDb("create", dbName);
    }
    const admin = JSON.parse(
      execFileSync("npx", ["tsx", "scripts/admin.ts", "create", "--email", "shutdown@example.test", "--password", "a long shutdown password", "--api-token"], { env, encoding: "utf8" }),
    ) as { token: string };

    server = spawn("npm", ["start", "--silent", "--", "-p", String(PORT), "-H", "127.0.0.1"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    server.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => server!.once("exit", (code, signal) => resolve({ code, signal })));
    await waitFor(async () => (await fetch(`${ORIGIN}/api/health`).catch(() => null))?.ok === true, `the server to start (output: ${output})`, 60_000);

    // SAML, SCIM and a SCIM token, through the admin API.
    const api = await playwright.request.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { Authorization: `Bearer ${admin.token}`, Accept: JSONAPI, "Content-Type": JSONAPI } });
    const saml = await api.patch("/api/v2/admin/saml-settings", {
      data: { data: { type: "saml-settings", attributes: { enabled: true, "provider-type": "okta", "idp-entity-id": "http://www.okta.com/shutdown", "sso-url": "https://idp.example.test/sso", certificate: selfSignedCertificate() } } },
    });
    expect(saml.status(), await saml.text()).toBe(200);
    expect((await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } })).status()).toBe(200);
    const created = await api.post("/api/v2/admin/scim-tokens", { data: { data: { type: "authentication-tokens", attributes: { description: "shutdown" } } } });
    expect(created.status()).toBe(201);
    const scimToken = ((await created.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
    await api.dispose();

    // A kept-alive connection that has served a request and sits idle.
    const idle = await connectRaw(PORT);
    let idleClosed = false;
    idle.once("close", () => (idleClosed = true));
    idle.write(`GET /api/health HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`);
    expect((await readResponse(idle)).head).toMatch(/^HTTP\/1\.1 200 /);

    // A create whose body is half sent when the signal arrives.
    const body = JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "in.flight@example.test",
      emails: [{ value: "in.flight@example.test", primary: true, type: "work" }],
      name: { givenName: "In", familyName: "Flight" },
      active: true,
    });
    const inFlight = await connectRaw(PORT);
    const answer = readResponse(inFlight);
    inFlight.write(
      `POST /scim/v2/Users HTTP/1.1\r\nHost: ${HOST}\r\nAuthorization: Bearer ${scimToken}\r\nContent-Type: application/scim+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body.slice(0, 40),
    );
    await new Promise((r) => setTimeout(r, 300));

    process.kill(server.pid!, "SIGTERM");
    await waitFor(async () => !(await acceptsConnections(PORT)), "the server to stop accepting connections", 10_000);
    await waitFor(() => idleClosed, "the idle kept-alive connection to be closed", 10_000);
    expect(server.exitCode).toBeNull(); // still draining the create

    inFlight.write(body.slice(40));
    const response = await answer;
    expect(response.head).toMatch(/^HTTP\/1\.1 201 /);
    expect(JSON.parse(response.body)).toMatchObject({ userName: "in.flight@example.test", active: true });

    const { code, signal } = await Promise.race([
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the server had not exited 20 s after SIGTERM (output: ${output})`)), 20_000)),
    ]);
    expect({ code, signal, output: code === 0 ? "" : output }).toEqual({ code: 0, signal: null, output: "" });
    if (!env.DATABASE_URL) expect(existsSync(path.join(dir, "pglite.lock"))).toBe(false);

    // What the server stored: the user and the create's activity row.
    const read = async <T,>(text: string): Promise<T[]> => {
      if (env.DATABASE_URL) {
        const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
        try {
          return [...(await sql.unsafe(text))] as T[];
        } finally {
          await sql.end();
        }
      }
      const db = new PGlite(path.join(dir, "pglite"));
      try {
        return (await db.query<T>(text)).rows;
      } finally {
        await db.close();
      }
    };
    const users = await read<{ user_name: string }>(`select user_name from scim_identities`);
    expect(users.map((r) => r.user_name)).toEqual(["in.flight@example.test"]);
    const activity = await read<{ method: string; path: string; status: number }>(`select method, path, status from scim_requests order by occurred_at`);
    expect(activity.map(({ method, path, status }) => ({ method, path, status }))).toContainEqual({ method: "POST", path: "/scim/v2/Users", status: 201 });
    if (env.DATABASE_URL) {
      // The server's connections are gone, not left open until PostgreSQL notices.
      const left = await read<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
      expect(left[0]!.n).toBe(0);
    }
  });
});
