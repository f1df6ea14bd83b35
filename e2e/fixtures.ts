// Playwright fixtures. Every test gets its own fresh site admin (created through the admin API
// with the bootstrap admin's token), signed in through Auth.js, with its own API token.
import { mkdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { BOOTSTRAP_FILE, E2E_BASE_URL, JSONAPI } from "./env";

export { expect };

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  token: string;
}

export const uniqueName = (prefix = "t") => `${prefix}-${randomBytes(4).toString("hex")}`;

export function bootstrapToken(): string {
  return (JSON.parse(readFileSync(BOOTSTRAP_FILE, "utf8")) as { token: string }).token;
}

/** Signs in through Auth.js's credentials endpoint; cookies land in the given context. */
export async function signInViaApi(request: APIRequestContext, email: string, password: string) {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok()).toBeTruthy();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/app" },
    maxRedirects: 0,
  });
  expect(res.status(), "credentials sign-in redirects").toBe(302);
  expect(res.headers()["location"] ?? "").not.toContain("error");
}

/** Creates a password account through POST /api/v2/admin/users and gives it an API token. */
export async function createAccount(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  opts: { admin: boolean },
): Promise<TestAccount> {
  const boot = await playwright.request.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${bootstrapToken()}`, Accept: JSONAPI, "Content-Type": JSONAPI },
  });
  const email = `${uniqueName("e2e")}@example.com`;
  const password = `pw-${randomBytes(12).toString("hex")}`;
  const created = await boot.post("/api/v2/admin/users", {
    data: { data: { type: "users", attributes: { email, password, "is-site-admin": opts.admin } } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { data: { id: string } }).data.id;
  await boot.dispose();

  const session = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  await signInViaApi(session, email, password);
  const tokenRes = await session.post(`/api/v2/users/${id}/authentication-tokens`, {
    headers: { Origin: E2E_BASE_URL, "Content-Type": JSONAPI },
    data: { data: { type: "authentication-tokens", attributes: { description: "e2e" } } },
  });
  expect(tokenRes.status(), await tokenRes.text()).toBe(201);
  const token = ((await tokenRes.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
  await session.dispose();
  return { id, email, password, token };
}

/** A local (password) account through the admin API; returns its user id. */
export async function createLocalUser(api: APIRequestContext, email: string, isSiteAdmin = false) {
  const res = await api.post("/api/v2/admin/users", {
    data: { data: { type: "users", attributes: { email, password: `pw-${randomBytes(12).toString("hex")}`, "is-site-admin": isSiteAdmin } } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

/** A full-page screenshot from the top, to test-results/screenshots/{name}.png: scrolled, the sticky header would be drawn mid-page. */
export async function snap(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export function apiAs(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, token: string) {
  return playwright.request.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}`, Accept: JSONAPI, "Content-Type": JSONAPI },
  });
}

export const test = base.extend<{ admin: TestAccount; adminApi: APIRequestContext; adminPage: Page }>({
  admin: async ({ playwright }, use) => {
    await use(await createAccount(playwright, { admin: true }));
  },
  adminApi: async ({ playwright, admin }, use) => {
    const ctx = await apiAs(playwright, admin.token);
    await use(ctx);
    await ctx.dispose();
  },
  adminPage: async ({ page, admin }, use) => {
    await signInViaApi(page.request, admin.email, admin.password);
    await use(page);
  },
});
