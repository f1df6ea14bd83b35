// Site Admin › Users through the browser: search and filters over local and SCIM-provisioned
// users, a user's page (organizations, teams, recent events), suspend / unsuspend / delete with
// their confirmations, and the refusal for a user the identity provider manages. SCIM users come
// from an identity provider over HTTP; steps that need SCIM run again if another spec resets it
// (see e2e/scim-idp.ts). SCIM is left enabled.
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiAs, bootstrapToken, createLocalUser as createLocalUserVia, expect, snap, test } from "../fixtures";
import { ScimIdp } from "../scim-idp";

test.describe.configure({ mode: "serial" });

const MANAGED_DETAIL = "This user is managed by your identity provider; change it there";

let api: APIRequestContext;
let idp: ScimIdp;

test.beforeAll(async ({ playwright }) => {
  api = await apiAs(playwright, bootstrapToken());
  idp = new ScimIdp(api, `e2e users IdP ${randomBytes(3).toString("hex")}`);
});

test.afterAll(async () => {
  await api.dispose();
});

const createLocalUser = (email: string, isSiteAdmin = false) => createLocalUserVia(api, email, isSiteAdmin);

const table = (page: Page) => page.getByRole("table").first();
const userRow = (page: Page, email: string) => table(page).getByRole("row").filter({ has: page.getByRole("link", { name: email, exact: true }) });

test("search and filters: status, SCIM-managed and site admin source", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await idp.withScim(async () => {
    const tag = randomBytes(3).toString("hex");
    const local = `local.${tag}@example.test`;
    const managed = `managed.${tag}@example.test`;
    const gone = `gone.${tag}@example.test`;
    await createLocalUser(local, true);
    await idp.createUser(managed);
    await idp.createUser(gone, false);

    await page.goto("/app/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await page.getByLabel("Search users", { exact: true }).fill(tag);
    await expect(table(page).getByRole("row")).toHaveCount(1 + 3);

    const managedRow = userRow(page, managed);
    await expect(managedRow.getByText("Managed", { exact: true })).toBeVisible();
    await expect(managedRow).toContainText(managed);
    await expect(managedRow.locator("time")).toHaveCount(1);
    await expect(userRow(page, gone).getByText("Suspended", { exact: true })).toBeVisible();
    const localRow = userRow(page, local);
    await expect(localRow.getByText("Not managed", { exact: true })).toBeVisible();
    await expect(localRow.getByText("Site admin", { exact: true })).toBeVisible();
    await expect(localRow.getByText("Manual", { exact: true })).toBeVisible();
    await snap(page, "users-search");

    await page.getByLabel("SCIM", { exact: true }).selectOption({ label: "Managed by SCIM" });
    await expect(table(page).getByRole("row")).toHaveCount(1 + 2);
    await expect(userRow(page, local)).toHaveCount(0);
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Suspended" });
    await expect(table(page).getByRole("row")).toHaveCount(1 + 1);
    await expect(userRow(page, gone)).toHaveCount(1);
    await snap(page, "users-filtered");

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "All statuses" });
    await page.getByLabel("SCIM", { exact: true }).selectOption({ label: "Not managed by SCIM" });
    await expect(table(page).getByRole("row")).toHaveCount(1 + 1);
    await expect(userRow(page, local)).toHaveCount(1);
    await page.getByLabel("SCIM", { exact: true }).selectOption({ label: "Managed or not" });
    await page.getByLabel("Site admin", { exact: true }).selectOption({ label: "Granted manually" });
    await expect(table(page).getByRole("row")).toHaveCount(1 + 1);
    await expect(userRow(page, local)).toHaveCount(1);

    await page.getByLabel("SCIM", { exact: true }).selectOption({ label: "Managed by SCIM" });
    await expect(page.getByRole("heading", { name: `No users match “${tag}”` })).toBeVisible();
    await snap(page, "users-no-match");
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await expect(page.getByLabel("Search users", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Site admin", { exact: true })).toHaveValue("");
    await expect(table(page).getByRole("row").nth(1)).toBeVisible();
  });
});

test("a SCIM-managed user's page: attributes, organizations and teams, recent events, no admin actions", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await idp.withScim(async () => {
    const tag = randomBytes(3).toString("hex");
    const email = `mia.${tag}@example.test`;
    const created = await idp.createUser(email);
    const userId = ((await (await api.get(`/api/v2/admin/users?q=${encodeURIComponent(email)}`)).json()) as { data: { id: string }[] }).data[0]!.id;
    const org = `users-${tag}`;
    expect((await api.post("/api/v2/organizations", { data: { data: { type: "organizations", attributes: { name: org, email: `${org}@example.com` } } } })).status()).toBe(201);
    const team = await api.post(`/api/v2/organizations/${org}/teams`, { data: { data: { type: "teams", attributes: { name: "reviewers" } } } });
    expect(team.status()).toBe(201);
    const teamId = ((await team.json()) as { data: { id: string } }).data.id;
    expect((await api.post(`/api/v2/teams/${teamId}/relationships/users`, { data: { data: [{ type: "users", id: userId }] } })).status()).toBe(204);

    await page.goto("/app/admin/users");
    await page.getByLabel("Search users", { exact: true }).fill(email);
    await userRow(page, email).getByRole("link", { name: email }).click();
    await expect(page).toHaveURL(new RegExp(`/app/admin/users/${userId}$`));
    await expect(page.getByRole("heading", { name: email, level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Users" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("SCIM-managed", { exact: true })).toBeVisible();

    for (const name of ["Suspend", "Delete user"]) {
      const button = page.getByRole("button", { name, exact: true });
      await expect(button).toBeDisabled();
      await expect(button).toHaveAccessibleDescription("Managed by your identity provider");
    }
    const scim = page.getByRole("region", { name: "SCIM", exact: true });
    await expect(scim).toContainText("Your identity provider (SCIM)");
    await expect(scim).toContainText(email);

    const memberships = page.getByRole("region", { name: "Organizations and teams" });
    await expect(memberships.getByRole("list", { name: "Organizations" }).getByRole("link", { name: org })).toHaveAttribute("href", `/app/${org}/settings/teams`);
    await expect(memberships.getByRole("link", { name: "reviewers" })).toHaveAttribute("href", `/app/${org}/settings/teams/${teamId}`);

    const recent = page.getByRole("region", { name: "Recent activity" });
    const createdRow = recent.getByRole("row").filter({ hasText: "scim-user.create" });
    await expect(createdRow).toHaveCount(1);
    await createdRow.getByRole("button", { name: /^Details of/ }).click();
    const dialog = page.getByRole("dialog", { name: "SCIM user created" });
    await expect(dialog).toContainText(created.requestId!);
    await dialog.getByRole("button", { name: "Close" }).last().click();
    await expect(dialog).toBeHidden();
    await snap(page, "user-scim-managed");

    await recent.getByRole("link", { name: "Open in the audit log" }).click();
    await expect(page).toHaveURL(new RegExp(`/app/admin/audit\\?user=${userId}$`));
    await expect(page.getByText(`Showing events about or by ${email}.`)).toBeVisible();
    await expect(page.getByRole("table").getByRole("row").filter({ hasText: "scim-user.create" })).toHaveCount(1);
  });
});

test("a local user is suspended, unsuspended and deleted, each after a confirmation", async ({ adminPage: page, admin }) => {
  const email = `lee.${randomBytes(3).toString("hex")}@example.test`;
  const userId = await createLocalUser(email);

  await page.goto(`/app/admin/users/${userId}`);
  await expect(page.getByRole("heading", { name: email, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Account", exact: true })).toContainText("Password");
  await expect(page.getByRole("heading", { name: "Not in any organization" })).toBeVisible();

  // Suspend; Cancel first changes nothing.
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  const suspend = page.getByRole("dialog", { name: `Suspend ${email}?` });
  await expect(suspend).toContainText("signed out everywhere at once");
  await snap(page, "user-suspend-dialog");
  await suspend.getByRole("button", { name: "Cancel" }).click();
  await expect(suspend).toBeHidden();
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  await suspend.getByRole("button", { name: "Suspend user" }).click();
  await expect(suspend).toBeHidden();
  await expect(page.getByRole("status").getByText(`${email} suspended`)).toBeVisible();
  const header = page.getByRole("heading", { name: email, level: 1 }).locator("..");
  await expect(header.getByText("Suspended", { exact: true })).toBeVisible();
  const recent = page.getByRole("region", { name: "Recent activity" });
  await expect(recent.getByRole("row").filter({ hasText: "user.suspend" })).toHaveCount(1);

  await page.getByRole("button", { name: "Unsuspend", exact: true }).click();
  const unsuspend = page.getByRole("dialog", { name: `Unsuspend ${email}?` });
  await expect(unsuspend).toContainText("can sign in again");
  await unsuspend.getByRole("button", { name: "Unsuspend user" }).click();
  await expect(unsuspend).toBeHidden();
  await expect(header.getByText("Active", { exact: true })).toBeVisible();
  await expect(recent.getByRole("row").filter({ hasText: "user.unsuspend" })).toHaveCount(1);
  await snap(page, "user-local");

  // Delete: the dialog names the consequence; afterwards the user is gone.
  await page.getByRole("button", { name: "Delete user" }).click();
  const remove = page.getByRole("dialog", { name: `Delete ${email}?` });
  await expect(remove).toContainText("This cannot be undone.");
  await snap(page, "user-delete-dialog");
  await remove.getByRole("button", { name: "Delete user" }).click();
  await expect(page).toHaveURL(/\/app\/admin\/users$/);
  await expect(page.getByRole("status").getByText(`${email} deleted`)).toBeVisible();
  await page.getByLabel("Search users", { exact: true }).fill(email);
  await expect(page.getByRole("heading", { name: `No users match “${email}”` })).toBeVisible();
  await page.goto(`/app/admin/users/${userId}`);
  await expect(page.getByRole("heading", { name: "This user does not exist" })).toBeVisible();

  // Nobody suspends or deletes themself.
  await page.goto(`/app/admin/users/${admin.id}`);
  await expect(page.getByRole("button", { name: "Suspend", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Delete user" })).toHaveAccessibleDescription("You cannot suspend or delete your own account");
});

test("when the identity provider takes a user over, suspending is refused and the reason is shown", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await idp.withScim(async () => {
    const email = `noor.${randomBytes(3).toString("hex")}@example.test`;
    const userId = await createLocalUser(email);
    await page.goto(`/app/admin/users/${userId}`);
    await expect(page.getByRole("heading", { name: email, level: 1 })).toBeVisible();
    const suspendButton = page.getByRole("button", { name: "Suspend", exact: true });
    await expect(suspendButton).toBeEnabled();

    // The identity provider links the account (same email) while the page is open.
    await idp.createUser(email);
    for (const [method, path] of [
      ["post", `/api/v2/admin/users/${userId}/actions/suspend`],
      ["delete", `/api/v2/admin/users/${userId}`],
    ] as const) {
      const res = await api[method](path);
      expect(res.status()).toBe(422);
      expect(((await res.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toBe(MANAGED_DETAIL);
    }

    await suspendButton.click();
    const dialog = page.getByRole("dialog", { name: `Suspend ${email}?` });
    await dialog.getByRole("button", { name: "Suspend user" }).click();
    await expect(dialog.getByRole("alert")).toHaveText(MANAGED_DETAIL);
    await snap(page, "user-suspend-refused");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    // The page has caught up: the user is SCIM-managed and the actions say why they are off.
    await expect(page.getByText("SCIM-managed", { exact: true })).toBeVisible();
    await expect(suspendButton).toBeDisabled();
    await expect(suspendButton).toHaveAccessibleDescription("Managed by your identity provider");
    await expect(page.getByRole("region", { name: "Recent activity" }).getByRole("row").filter({ hasText: "scim-user.link" })).toHaveCount(1);
  });
});
