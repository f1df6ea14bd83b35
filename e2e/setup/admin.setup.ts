// First-run setup through the browser, exactly as a new installation does it: /setup with the
// setup code from the server log, then a bootstrap API token for the fixtures.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { setupCode } from "../../lib/admin/setup/setup-code";
import { BOOTSTRAP_FILE, E2E_AUTH_SECRET, E2E_BASE_URL, JSONAPI } from "../env";

const EMAIL = "bootstrap-admin@example.com";
const PASSWORD = "bootstrap-password-123";

test("first site admin is created at /setup, which then closes", async ({ page }) => {
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Create the first site admin" })).toBeVisible();

  // A wrong setup code is refused and creates nothing.
  await page.getByLabel("Setup code").fill("AAAAA-AAAAA");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create site admin" }).click();
  await expect(page.getByText("The setup code does not match")).toBeVisible();

  await page.getByLabel("Setup code").fill(setupCode(E2E_AUTH_SECRET));
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create site admin" }).click();
  await page.waitForURL(/\/app(\/|$)/);

  const me = await page.request.get("/api/v2/account/details");
  expect(me.status()).toBe(200);
  const account = (await me.json()) as { data: { id: string; attributes: Record<string, unknown> } };
  expect(account.data.attributes).toMatchObject({ email: EMAIL, "is-site-admin": true, "site-admin-source": "manual" });

  const tokenRes = await page.request.post(`/api/v2/users/${account.data.id}/authentication-tokens`, {
    headers: { Origin: E2E_BASE_URL, "Content-Type": JSONAPI },
    data: { data: { type: "authentication-tokens", attributes: { description: "e2e bootstrap" } } },
  });
  expect(tokenRes.status()).toBe(201);
  const token = ((await tokenRes.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
  mkdirSync(path.dirname(BOOTSTRAP_FILE), { recursive: true });
  writeFileSync(BOOTSTRAP_FILE, JSON.stringify({ token, email: EMAIL }));

  // Setup is closed now, for everyone.
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Setup is complete" })).toBeVisible();
});
