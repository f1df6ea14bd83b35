// Your account › API tokens through the browser, for a site admin and for a user who is not one:
// reach the page from the user menu (and from /app), create a token whose secret is shown once and
// works against /api/v2, revoke it and see it refused on the very next request.
import type { Page } from "@playwright/test";
import { E2E_BASE_URL } from "../env";
import { apiAs, createAccount, expect, signInViaApi, snap, test, uniqueName, type TestAccount } from "../fixtures";

const DAY = 24 * 60 * 60 * 1000;

interface TokenDoc {
  id: string;
  attributes: { description: string | null; "created-at": string; "expired-at": string };
}

type Playwright = Parameters<typeof apiAs>[0];

/** The status of GET `path` with only a bearer token: no browser, no session cookie. */
async function statusWith(playwright: Playwright, secret: string, path = "/api/v2/account/details") {
  const api = await apiAs(playwright, secret);
  const status = (await api.get(path)).status();
  await api.dispose();
  return status;
}

/** The account's tokens, read with one of its own tokens. */
async function listTokens(playwright: Playwright, account: TestAccount, secret: string) {
  const api = await apiAs(playwright, secret);
  const res = await api.get(`/api/v2/users/${account.id}/authentication-tokens`);
  expect(res.status(), await res.text()).toBe(200);
  const tokens = ((await res.json()) as { data: TokenDoc[] }).data;
  await api.dispose();
  return tokens;
}

/** The secret must not survive its dialog: not in the markup, not in any field. */
async function expectSecretGone(page: Page, secret: string) {
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);
  const values = await page.locator("input, textarea").evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  expect(values.join("\n")).not.toContain(secret);
}

const tokensTable = (page: Page) => page.getByRole("table", { name: "API tokens" });
const tokenRow = (page: Page, description: string) => tokensTable(page).getByRole("row").filter({ hasText: description });

/** Create API token → dialog → the secret, read from the read-only field that shows it once. */
async function createTokenInUi(page: Page, description: string, choose?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>) {
  await page.getByRole("button", { name: "Create API token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create API token" });
  await dialog.getByLabel("Description").fill(description);
  await choose?.(dialog);
  await dialog.getByRole("button", { name: "Create API token" }).click();
  const created = page.getByRole("dialog", { name: "API token created" });
  await expect(created).toContainText(`“${description}” is ready.`);
  await expect(created).toContainText("You won't see it again");
  const secretInput = created.getByRole("textbox", { name: "Token", exact: true });
  await expect(secretInput).toHaveAttribute("readonly", "");
  await expect(secretInput).toBeFocused();
  const secret = await secretInput.inputValue();
  expect(secret).toMatch(/^roster_pat_/);
  return { created, secret };
}

test.describe("account API tokens", () => {
  test("an anonymous visit to the account page lands on sign-in with the way back", async ({ page }) => {
    await page.goto("/app/account");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapp%2Faccount$/);
  });

  test("a site admin reaches their account from the user menu, creates a working token and revokes it", async ({ adminPage: page, admin, playwright }) => {
    // The fixture minted a token for the admin API; revoke it with itself, so the page starts empty.
    const [fixtureToken] = await listTokens(playwright, admin, admin.token);
    const self = await apiAs(playwright, admin.token);
    expect((await self.delete(`/api/v2/authentication-tokens/${fixtureToken!.id}`)).status()).toBe(204);
    await self.dispose();

    // The user menu, by keyboard: "Your account" is its first item.
    await page.goto("/app/organizations");
    await page.getByRole("button", { name: `Account menu for ${admin.email}` }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menu").getByRole("menuitem", { name: "Your account" })).toBeFocused();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/app\/account$/);
    await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
    // Not an organization page: no sidebar item claims it.
    await expect(page.getByRole("navigation", { name: "Console" }).locator("[aria-current=page]")).toHaveCount(0);
    const details = page.getByRole("region", { name: "Account details" });
    await expect(details.getByText(admin.email, { exact: true })).toBeVisible();
    await expect(details.getByText("Site administrator", { exact: true })).toBeVisible();
    await expect(details.getByText(admin.id, { exact: true })).toBeVisible();

    // Empty: what a token is for, and how to send it.
    const section = page.getByRole("region", { name: "API tokens" });
    await expect(section.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
    await expect(section).toContainText("JSON:API admin API at /api/v2");
    await expect(section).toContainText("Authorization: Bearer <token>");
    await expect(section).toContainText("Only site administrators' tokens can call the admin endpoints");
    await snap(page, "account-tokens-empty");

    // The dialog starts on 90 days and says when that is.
    await section.getByRole("button", { name: "Create API token" }).click();
    const dialog = page.getByRole("dialog", { name: "Create API token" });
    await expect(dialog.getByRole("radio", { name: "90 days" })).toBeChecked();
    await expect(dialog).toContainText("The token expires on");
    await dialog.getByLabel("Description").fill("Nightly user export");
    await snap(page, "account-token-create-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    const description = uniqueName("Deploy script");
    const { created, secret } = await createTokenInUi(page, description);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E_BASE_URL });
    await created.getByRole("button", { name: "Copy token" }).click();
    await expect(page.getByRole("status").getByText("Copied", { exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await snap(page, "account-token-secret");

    // It works against the API, as this admin, and expires 90 days after it was made.
    expect(await statusWith(playwright, secret)).toBe(200);
    const listed = (await listTokens(playwright, admin, secret)).find((t) => t.attributes.description === description);
    const lifetime = Date.parse(listed!.attributes["expired-at"]) - Date.parse(listed!.attributes["created-at"]);
    expect(Math.abs(lifetime - 90 * DAY)).toBeLessThan(10 * 60 * 1000);

    await created.getByRole("button", { name: "Done" }).click();
    await expect(created).toBeHidden();
    await expect(tokenRow(page, description)).toHaveCount(1);
    await expectSecretGone(page, secret);
    // Clear the clipboard too, so the markup check after reload proves the page alone.
    await page.evaluate(() => navigator.clipboard.writeText(""));

    // A second token, made by a script with the first one, that expires in 5 days: flagged.
    const api = await apiAs(playwright, secret);
    const soon = await api.post(`/api/v2/users/${admin.id}/authentication-tokens`, {
      data: { data: { type: "authentication-tokens", attributes: { description: "CI smoke test", "expired-at": new Date(Date.now() + 5 * DAY - 60_000).toISOString() } } },
    });
    expect(soon.status(), await soon.text()).toBe(201);
    await api.dispose();

    // After a reload: the use is recorded, the soon-expiring token is flagged, the secret is nowhere.
    await expect(async () => {
      await page.reload();
      await expect(tokenRow(page, description).getByRole("cell").nth(3)).not.toHaveText("Never", { timeout: 1000 });
    }).toPass();
    await expect(tokenRow(page, "CI smoke test").getByText("Expires in 5 days")).toBeVisible();
    await expect(tokenRow(page, "CI smoke test").getByRole("cell").nth(3)).toHaveText("Never");
    await expectSecretGone(page, secret);
    await snap(page, "account-tokens-list");

    // Revoke asks first, naming the token and what stops working; Cancel keeps it.
    await page.getByRole("button", { name: `Revoke token ${description}` }).click();
    const revoke = page.getByRole("dialog", { name: `Revoke token “${description}”?` });
    await expect(revoke).toContainText("Scripts using it stop working at once");
    await expect(revoke.getByRole("button", { name: "Cancel" })).toBeFocused();
    await snap(page, "account-token-revoke-dialog");
    await revoke.getByRole("button", { name: "Cancel" }).click();
    await expect(revoke).toBeHidden();
    expect(await statusWith(playwright, secret)).toBe(200);

    await page.getByRole("button", { name: `Revoke token ${description}` }).click();
    await revoke.getByRole("button", { name: "Revoke token" }).click();
    await expect(revoke).toBeHidden();
    await expect(page.getByRole("status").getByText(`Token “${description}” revoked`)).toBeVisible();
    await expect(tokenRow(page, description)).toHaveCount(0);
    await expect(tokenRow(page, "CI smoke test")).toHaveCount(1);
    // Refused on the very next request.
    expect(await statusWith(playwright, secret)).toBe(401);
  });

  test("a user who is not a site admin finds the page from /app and the menu, and manages their own tokens", async ({ page, playwright }) => {
    const user = await createAccount(playwright, { admin: false });
    await signInViaApi(page.request, user.email, user.password);

    // /app says the console is not for them, and points at their tokens.
    await page.goto("/app");
    await expect(page.getByRole("heading", { name: "You don't have access to the site admin console" })).toBeVisible();
    await page.getByRole("link", { name: "Manage your API tokens" }).click();
    await page.waitForURL(/\/app\/account#api-tokens$/);
    await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);

    // The menu has the account page and no Site Admin.
    await page.goto("/app");
    await page.getByRole("button", { name: `Account menu for ${user.email}` }).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: "Site Admin" })).toHaveCount(0);
    await menu.getByRole("menuitem", { name: "Your account" }).click();
    await page.waitForURL(/\/app\/account$/);
    await expect(page.getByRole("region", { name: "Account details" }).getByText("User", { exact: true })).toBeVisible();
    // The token the fixture made for this user is listed, never used.
    await expect(tokenRow(page, "e2e").getByRole("cell").nth(3)).toHaveText("Never");
    await snap(page, "account-non-admin");

    // A custom date: past the last day offered is explained at the field; the last day works.
    const description = uniqueName("Laptop script");
    const { created, secret } = await createTokenInUi(page, description, async (dialog) => {
      await dialog.getByRole("radio", { name: "Custom date" }).check();
      const date = dialog.getByLabel("Expiration date");
      const max = (await date.getAttribute("max"))!;
      await date.fill("2099-01-01");
      await dialog.getByRole("button", { name: "Create API token" }).click();
      await expect(dialog.getByText(/^Pick a date from .+ to .+\.$/)).toBeVisible();
      await expect(date).toHaveAttribute("aria-invalid", "true");
      await snap(page, "account-token-create-date-too-late");
      await date.fill(max);
    });
    const listed = (await listTokens(playwright, user, secret)).find((t) => t.attributes.description === description);
    const lifetime = Date.parse(listed!.attributes["expired-at"]) - Date.parse(listed!.attributes["created-at"]);
    expect(lifetime).toBeGreaterThan(364 * DAY);
    expect(lifetime).toBeLessThanOrEqual(366 * DAY);

    // The token reaches the account endpoints, not the admin ones.
    expect(await statusWith(playwright, secret)).toBe(200);
    expect(await statusWith(playwright, secret, "/api/v2/admin/users")).toBe(404);

    await page.keyboard.press("Escape");
    await expect(created).toBeHidden();
    await expectSecretGone(page, secret);

    await page.getByRole("button", { name: `Revoke token ${description}` }).click();
    const revoke = page.getByRole("dialog", { name: `Revoke token “${description}”?` });
    await revoke.getByRole("button", { name: "Revoke token" }).click();
    await expect(revoke).toBeHidden();
    await expect(tokenRow(page, description)).toHaveCount(0);
    expect(await statusWith(playwright, secret)).toBe(401);
    // Their other token is untouched.
    expect(await statusWith(playwright, user.token)).toBe(200);
  });
});
