// Recovery admins through the browser: "Create non-SSO admin" on the Users page (field errors from
// the API, the count of site admins able to sign in without SSO), and "Grant site admin" / "Revoke
// site admin" on a user page. The count and the last-admin rule are site-wide, and every test's
// fixture creates another password admin, so the "one or none" warning and the refusals that need
// a site-wide state (the last non-SSO admin, a grant from the Site Admin IdP Group, which only
// ui/scim-sync.spec.ts may map) are shown from real API answers altered in the browser.
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page, Route } from "@playwright/test";
import { E2E_BASE_URL, JSONAPI } from "../env";
import { apiAs, bootstrapToken, createLocalUser as createLocalUserVia, expect, signInViaApi, snap, test } from "../fixtures";

const LAST_ADMIN_DETAIL = "This is the last site admin able to sign in without SSO; grant the role to another one first";
const SCIM_GRANT_DETAIL = "This user's site admin role comes from the Site Admin IdP Group and is managed by your identity provider";

let api: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  api = await apiAs(playwright, bootstrapToken());
});

test.afterAll(async () => {
  await api.dispose();
});

const createLocalUser = (email: string, isSiteAdmin = false) => createLocalUserVia(api, email, isSiteAdmin);

const countLine = (page: Page) => page.getByText(/^\d+ site admins can sign in without SSO/);

async function shownCount(page: Page) {
  const text = (await countLine(page).textContent()) ?? "";
  return Number(/^(\d+)/.exec(text)?.[1] ?? NaN);
}

/** Answers a request with a JSON:API 422, as the API does. */
function refuse(route: Route, detail: string) {
  return route.fulfill({
    status: 422,
    contentType: JSONAPI,
    body: JSON.stringify({ errors: [{ status: "422", title: "Unprocessable Entity", detail, source: { pointer: "/data/attributes/is-site-admin" } }] }),
  });
}

/** Serves GET /admin/users/{id} as the API answers it, with `site-admin-source` replaced and the user in the mapped group. */
async function withSource(route: Route, source: () => string) {
  const response = await route.fetch();
  const doc = (await response.json()) as { data: { attributes: Record<string, unknown> } };
  doc.data.attributes["site-admin-source"] = source();
  doc.data.attributes["is-site-admin"] = true;
  doc.data.attributes["is-in-site-admin-group"] = true;
  await route.fulfill({ response, json: doc });
}

test("a non-SSO admin is created through the dialog and can sign in; the count goes up", async ({ adminPage: page, playwright }) => {
  const email = `recovery.${randomBytes(3).toString("hex")}@example.test`;
  const password = `recovery-${randomBytes(8).toString("hex")}`;

  await page.goto("/app/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  // The bootstrap admin and this test's own admin at least.
  await expect(countLine(page)).toBeVisible();
  const before = await shownCount(page);
  expect(before).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("note").filter({ hasText: "can sign in without SSO" })).toHaveCount(0);

  await page.getByRole("button", { name: "Create non-SSO admin" }).click();
  const dialog = page.getByRole("dialog", { name: "Create non-SSO admin" });
  await expect(dialog).toHaveAccessibleDescription(/password account kept for recovery.*can still sign in when SSO is unavailable/);
  await expect(dialog.getByLabel("Site admin")).toBeChecked();
  await expect(dialog.getByLabel("Email")).toBeFocused();

  // A password under 12 characters: the API's reason, next to the field.
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Password").fill("too-short");
  await expect(dialog.getByLabel("Password")).toHaveAccessibleDescription("At least 12 characters (9 so far).");
  await dialog.getByRole("button", { name: "Create non-SSO admin" }).click();
  await expect(dialog.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Password")).toHaveAccessibleDescription(/^Password must be at least 12 characters/);
  await expect(dialog.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
  await snap(page, "users-create-non-sso-admin-short-password");

  await dialog.getByLabel("Password").fill(password);
  await dialog.getByRole("button", { name: "Create non-SSO admin" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").getByText(`Non-SSO admin ${email} created`)).toBeVisible();
  // Other tests create admins at the same time: the count went up by at least this one.
  await expect.poll(() => shownCount(page)).toBeGreaterThan(before);
  await snap(page, "users-non-sso-admin-created");

  await page.getByLabel("Search users", { exact: true }).fill(email);
  const row = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: email, exact: true }) });
  await expect(row.getByText("Site admin", { exact: true })).toBeVisible();
  await expect(row.getByText("Manual", { exact: true })).toBeVisible();

  // The same email again: refused next to the email field.
  await page.getByRole("button", { name: "Create non-SSO admin" }).click();
  await dialog.getByLabel("Email").fill(email.toUpperCase());
  await dialog.getByLabel("Password").fill(password);
  await dialog.getByRole("button", { name: "Create non-SSO admin" }).click();
  await expect(dialog.getByLabel("Email")).toHaveAccessibleDescription(/^A user with this email already exists/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // It signs in with its password.
  const session = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  await signInViaApi(session, email, password);
  const me = await session.get("/api/v2/account/details", { headers: { Accept: JSONAPI } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({ email, "is-site-admin": true, "site-admin-source": "manual" });
  await session.dispose();
});

test("the Users page warns when one or no site admin can sign in without SSO", async ({ adminPage: page }) => {
  let shown = 1;
  await page.route(/\/api\/v2\/admin\/users\?/, async (route) => {
    const response = await route.fetch();
    const doc = (await response.json()) as { meta: Record<string, unknown> };
    doc.meta["non-sso-site-admin-count"] = shown;
    await route.fulfill({ response, json: doc });
  });

  await page.goto("/app/admin/users");
  const one = page.getByRole("note").filter({ hasText: "Only one site admin can sign in without SSO" });
  await expect(one).toContainText("Create another non-SSO admin so you are never locked out.");
  await expect(countLine(page)).toHaveCount(0);
  await snap(page, "users-one-non-sso-admin");

  shown = 0;
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Active" });
  await expect(page.getByRole("note").filter({ hasText: "No site admin can sign in without SSO" })).toContainText("Create a non-SSO admin so you are never locked out.");
  await expect(one).toHaveCount(0);
});

test("the manual site admin role is granted and revoked on a user page, each after a confirmation", async ({ adminPage: page }) => {
  const email = `grace.${randomBytes(3).toString("hex")}@example.test`;
  const userId = await createLocalUser(email);

  await page.goto(`/app/admin/users/${userId}`);
  await expect(page.getByRole("heading", { name: email, level: 1 })).toBeVisible();
  const account = page.getByRole("region", { name: "Account", exact: true });
  await expect(account.getByText("Site admin", { exact: true })).toHaveCount(1); // the term only
  const recent = page.getByRole("region", { name: "Recent activity" });

  // Grant; Cancel first changes nothing.
  await page.getByRole("button", { name: "Grant site admin" }).click();
  const grant = page.getByRole("dialog", { name: `Grant site admin to ${email}?` });
  await expect(grant).toContainText("They can open Site Admin at once");
  await expect(grant).toContainText("also become a site admin able to sign in without SSO");
  await snap(page, "user-site-admin-grant-dialog");
  await grant.getByRole("button", { name: "Cancel" }).click();
  await expect(grant).toBeHidden();
  await page.getByRole("button", { name: "Grant site admin" }).click();
  await grant.getByRole("button", { name: "Grant site admin" }).click();
  await expect(grant).toBeHidden();
  await expect(page.getByRole("status").getByText(`${email} is now a site admin`)).toBeVisible();
  await expect(account.getByText("Manual", { exact: true })).toBeVisible();
  await expect(recent.getByRole("row").filter({ hasText: "site-admin.grant" })).toHaveCount(1);
  await snap(page, "user-site-admin-granted");

  // Revoke: the dialog names the consequence.
  await page.getByRole("button", { name: "Revoke site admin" }).click();
  const revoke = page.getByRole("dialog", { name: `Revoke site admin from ${email}?` });
  await expect(revoke).toContainText("They lose access to Site Admin at once.");
  await expect(revoke).toContainText("One fewer site admin will be able to sign in without SSO.");
  await snap(page, "user-site-admin-revoke-dialog");
  await revoke.getByRole("button", { name: "Revoke site admin" }).click();
  await expect(revoke).toBeHidden();
  await expect(page.getByRole("status").getByText(`Site admin revoked from ${email}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Grant site admin" })).toBeVisible();
  await expect(account.getByText("Manual", { exact: true })).toHaveCount(0);
  await expect(recent.getByRole("row").filter({ hasText: "site-admin.revoke" })).toHaveCount(1);

  // The list shows the change too.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Search users", { exact: true }).fill(email);
  const row = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: email, exact: true }) });
  await expect(row.getByText("No", { exact: true })).toBeVisible();
});

test("revoking the last site admin able to sign in without SSO is refused with the API's reason", async ({ adminPage: page }) => {
  const email = `last.${randomBytes(3).toString("hex")}@example.test`;
  const userId = await createLocalUser(email, true);
  // The refusal as the API words it; this user is not really the last one (see the file header).
  await page.route(`**/api/v2/admin/users/${userId}`, (route) => (route.request().method() === "PATCH" ? refuse(route, LAST_ADMIN_DETAIL) : route.continue()));

  await page.goto(`/app/admin/users/${userId}`);
  await page.getByRole("button", { name: "Revoke site admin" }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke site admin from ${email}?` });
  await dialog.getByRole("button", { name: "Revoke site admin" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(LAST_ADMIN_DETAIL);
  await snap(page, "user-site-admin-revoke-last-refused");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Account", exact: true }).getByText("Manual", { exact: true })).toBeVisible();
});

test("a grant from the Site Admin IdP Group: revoke removes only the manual grant, or is disabled with the reason", async ({ adminPage: page }) => {
  const email = `both.${randomBytes(3).toString("hex")}@example.test`;
  const userId = await createLocalUser(email, true);
  // The user holds both grants; then the manual one is removed elsewhere, and the PATCH is refused
  // as the API refuses revoking a grant that only the IdP group gives.
  let source = "both";
  await page.route(`**/api/v2/admin/users/${userId}`, (route) =>
    route.request().method() === "PATCH" ? refuse(route, SCIM_GRANT_DETAIL) : withSource(route, () => source),
  );

  await page.goto(`/app/admin/users/${userId}`);
  const account = page.getByRole("region", { name: "Account", exact: true });
  await expect(account.getByText("Manual and SCIM", { exact: true })).toBeVisible();
  const revokeButton = page.getByRole("button", { name: "Revoke site admin" });
  await expect(revokeButton).toBeEnabled();
  await revokeButton.click();
  const dialog = page.getByRole("dialog", { name: `Remove the manual site admin grant of ${email}?` });
  await expect(dialog).toContainText("Only the manual grant is removed.");
  await expect(dialog).toContainText("They stay a site admin through the Site Admin IdP Group");
  await snap(page, "user-site-admin-revoke-both-dialog");

  source = "scim";
  await dialog.getByRole("button", { name: "Remove manual grant" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(SCIM_GRANT_DETAIL);
  await snap(page, "user-site-admin-revoke-scim-refused");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // The page caught up: the role comes only from the group, and revoking says why it is off.
  await expect(account.getByText("SCIM", { exact: true })).toBeVisible();
  await expect(revokeButton).toBeDisabled();
  await expect(revokeButton).toHaveAccessibleDescription("Granted by the Site Admin IdP Group");
  await snap(page, "user-site-admin-scim-only");
});
