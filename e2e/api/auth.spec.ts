import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { apiAs, createAccount, expect, signInViaApi, test, uniqueName } from "../fixtures";
import { E2E_AUTH_SECRET, E2E_BASE_URL, JSONAPI } from "../env";
import { generateToken } from "../../lib/tokens/token-format";

const run = promisify(execFile);

test.describe("admin API authentication", () => {
  test("401 with WWW-Authenticate for no, malformed, unknown and SCIM-type tokens", async ({ playwright }) => {
    const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    for (const auth of [undefined, "Bearer", "Basic abc", "Bearer not-a-token", `Bearer ${generateToken("user")}`, `Bearer ${generateToken("scim")}`]) {
      const res = await anon.get("/api/v2/organizations", { headers: auth ? { Authorization: auth } : {} });
      expect(res.status(), String(auth)).toBe(401);
      expect(res.headers()["www-authenticate"]).toMatch(/^Bearer/);
      expect(res.headers()["content-type"]).toBe(JSONAPI);
      expect(((await res.json()) as { errors: { status: string }[] }).errors[0]!.status).toBe("401");
    }
    await anon.dispose();
  });

  test("a signed-in non-admin gets 404 on admin endpoints but sees their own account", async ({ playwright }) => {
    const user = await createAccount(playwright, { admin: false });
    const api = await apiAs(playwright, user.token);
    for (const path of ["/api/v2/organizations", "/api/v2/admin/users", "/api/v2/teams/team-x"]) {
      expect((await api.get(path)).status(), path).toBe(404);
    }
    const write = await api.post("/api/v2/organizations", { data: { data: { type: "organizations", attributes: { name: uniqueName("no"), email: "a@example.com" } } } });
    expect(write.status()).toBe(404);
    const me = await api.get("/api/v2/account/details");
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({ "is-site-admin": false, "site-admin-source": null });
    await api.dispose();
  });

  test("cookie-authenticated writes must be same-origin", async ({ playwright, admin }) => {
    const session = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    await signInViaApi(session, admin.email, admin.password);
    const body = { data: { type: "organizations", attributes: { name: uniqueName("csrf"), email: "a@example.com" } } };
    expect((await session.get("/api/v2/organizations")).status()).toBe(200);
    const noOrigin = await session.post("/api/v2/organizations", { data: body, headers: { "Content-Type": JSONAPI } });
    expect(noOrigin.status()).toBe(403);
    const foreign = await session.post("/api/v2/organizations", { data: body, headers: { "Content-Type": "text/plain", Origin: "https://evil.example" } });
    expect(foreign.status()).toBe(403);
    const crossSite = await session.post("/api/v2/organizations", { data: body, headers: { Origin: E2E_BASE_URL, "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status()).toBe(403);
    // Nothing was created by the refused requests.
    expect((await session.get(`/api/v2/organizations/${body.data.attributes.name}`)).status()).toBe(404);
    const same = await session.post("/api/v2/organizations", { data: body, headers: { Origin: E2E_BASE_URL, "Content-Type": JSONAPI } });
    expect(same.status()).toBe(201);
    await session.dispose();
  });

  test("signing out ends every session of the user", async ({ playwright, admin }) => {
    const a = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    const b = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    await signInViaApi(a, admin.email, admin.password);
    await signInViaApi(b, admin.email, admin.password);
    expect((await b.get("/api/v2/account/details")).status()).toBe(200);
    const { csrfToken } = (await (await a.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const out = await a.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
    expect(out.status()).toBe(302);
    expect((await a.get("/api/v2/account/details")).status()).toBe(401);
    expect((await b.get("/api/v2/account/details")).status()).toBe(401);
    // API tokens are separate credentials and keep working.
    const api = await apiAs(playwright, admin.token);
    expect((await api.get("/api/v2/account/details")).status()).toBe(200);
    await Promise.all([a.dispose(), b.dispose(), api.dispose()]);
  });

  test("the admin CLI works beside the server on PostgreSQL, and refuses PGlite's files", async ({ playwright }) => {
    const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: E2E_AUTH_SECRET, NODE_ENV: "production" };
    if (process.env.E2E_DATA_DIR) env.ROSTER_DATA_DIR = process.env.E2E_DATA_DIR;
    const args = ["scripts/admin.ts", "create", "--email", `${uniqueName("cli")}@example.com`, "--password", "correct horse battery staple", "--api-token"];
    if (process.env.DATABASE_URL) {
      const { stdout } = await run("node_modules/.bin/tsx", args, { env });
      const { userId, token } = JSON.parse(stdout) as { userId: string; token: string };
      const api = await apiAs(playwright, token);
      const me = await api.get("/api/v2/account/details");
      expect(me.status()).toBe(200);
      expect(((await me.json()) as { data: { id: string } }).data.id).toBe(userId);
      await api.dispose();
    } else {
      const err = await run("node_modules/.bin/tsx", args, { env }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err?.code).toBe(2);
      expect(err?.stderr).toMatch(/in use by another process/);
    }
  });
});

test.describe("pages", () => {
  test("anonymous console visits get a 307 to /sign-in before rendering", async ({ playwright }) => {
    const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    const res = await anon.get("/app/organizations?x=1", { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers()["location"]).toContain("/sign-in?callbackUrl=%2Fapp%2Forganizations%3Fx%3D1");
    // Header tricks change nothing.
    for (const headers of <Record<string, string>[]>[{ "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }, { RSC: "1" }, { "Next-Router-Prefetch": "1" }]) {
      const r = await anon.get("/app/organizations", { headers, maxRedirects: 0 });
      expect(r.status(), JSON.stringify(headers)).not.toBe(200);
    }
    await anon.dispose();
  });

  test("security headers on pages: nonce CSP, nosniff, referrer policy, no-store", async ({ playwright }) => {
    const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    const res = await anon.get("/sign-in");
    expect(res.status()).toBe(200);
    const h = res.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("object-src 'none'");
    expect(h["content-security-policy"]).toContain("base-uri 'self'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBeTruthy();
    expect(h["cache-control"]).toContain("no-store");
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(h["content-security-policy"]!)![1]!;
    expect(html).toContain(`nonce="${nonce}"`);
    await anon.dispose();
  });
});

test.describe("production start", () => {
  test("refuses to start without AUTH_SECRET, and with test hooks on", async () => {
    const base: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
    delete base.AUTH_SECRET;
    delete base.DATABASE_URL;
    for (const env of [base, { ...base, AUTH_SECRET: E2E_AUTH_SECRET, ROSTER_TEST_HOOKS: "1" }]) {
      const outcome = await run("node_modules/.bin/next", ["start", "-p", "3299", "-H", "127.0.0.1"], { env, timeout: 30_000 }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number | null; stderr: string; killed?: boolean }) => ({ code: e.killed ? "timeout" : e.code, stderr: e.stderr }),
      );
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(/refusing to start: (AUTH_SECRET is required|ROSTER_TEST_HOOKS)/);
    }
  });
});
