import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { createAccount, expect, signInViaApi, test, uniqueName } from "../fixtures";
import { E2E_BASE_URL } from "../env";

const shot = (name: string) => {
  mkdirSync("test-results/screenshots", { recursive: true });
  return { path: `test-results/screenshots/${name}.png`, fullPage: true };
};

/** Creates an organization through the console and waits for it in the list. */
async function createOrganizationInUi(page: Page, name: string) {
  await page.goto("/app/organizations");
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create organization" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create organization" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(`${name}@example.com`);
  await dialog.getByRole("button", { name: "Create organization" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
}

test.describe("console", () => {
  test("an anonymous visit to a console page lands on sign-in with the way back", async ({ page }) => {
    await page.goto("/app/organizations");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapp%2Forganizations$/);
  });

  test("a console path that does not decode is a 404 page, not a server error", async ({ adminPage: page }) => {
    for (const path of ["/app/%FF", "/app/admin/users/100%"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByText(/could not be found/i)).toBeVisible();
    }
  });

  test("an admin creates an organization and a team, then adds and removes a member", async ({ adminPage: page, admin, playwright }) => {
    const org = uniqueName("ui-org");
    const teamName = uniqueName("Team");
    const member = await createAccount(playwright, { admin: false });

    await page.goto("/app/organizations");
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Organizations" })).toHaveAttribute("aria-current", "page");
    await page.screenshot(shot("console-organizations"));

    await createOrganizationInUi(page, org);
    await page.screenshot(shot("console-organization-created"));

    // Teams of the new organization: the owners team holds its creator.
    await page.getByRole("link", { name: org, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/app/${org}/settings/teams$`));
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs.getByRole("link", { name: "Organizations" })).toBeVisible();
    await expect(crumbs.getByText(org)).toBeVisible();
    const ownersRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "owners", exact: true }) });
    await expect(ownersRow.getByText("Owners", { exact: true })).toBeVisible();
    await expect(ownersRow.getByRole("cell", { name: "1", exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Create team" }).click();
    const create = page.getByRole("dialog", { name: "Create team" });
    await create.getByLabel("Team name").fill(teamName);
    await create.getByRole("button", { name: "Create team" }).click();
    await expect(create).toBeHidden();
    await expect(page.getByRole("link", { name: teamName, exact: true })).toBeVisible();
    await page.screenshot(shot("console-teams"));

    // The new team starts empty and says what to do next.
    await page.getByRole("link", { name: teamName, exact: true }).click();
    await expect(page.getByRole("heading", { name: teamName, level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "This team has no members" })).toBeVisible();
    await page.screenshot(shot("console-team-empty"));

    // Add the new user and the admin through the search.
    await page.getByRole("button", { name: "Add members" }).first().click();
    const add = page.getByRole("dialog", { name: `Add members to ${teamName}` });
    await add.getByLabel("Search users").fill(member.email);
    await add.getByRole("checkbox", { name: member.email }).check();
    await add.getByLabel("Search users").fill(admin.email);
    await add.getByRole("checkbox", { name: admin.email }).check();
    await page.screenshot(shot("console-team-add-members"));
    await add.getByRole("button", { name: "Add 2 members" }).click();
    await expect(add).toBeHidden();
    const members = page.getByRole("table", { name: `Members of ${teamName}` });
    await expect(members.getByRole("cell", { name: member.email, exact: true })).toBeVisible();
    await expect(members.getByRole("cell", { name: admin.email, exact: true })).toBeVisible();
    await page.screenshot(shot("console-team-members"));

    // Removing asks first, naming the user and the team; Cancel changes nothing.
    await page.getByRole("button", { name: `Remove ${member.email} from ${teamName}` }).click();
    const confirm = page.getByRole("dialog", { name: `Remove ${member.email} from ${teamName}?` });
    await expect(confirm).toContainText("stay a member of the organization");
    await page.screenshot(shot("console-team-remove-confirm"));
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await expect(members.getByRole("cell", { name: member.email, exact: true })).toBeVisible();

    await page.getByRole("button", { name: `Remove ${member.email} from ${teamName}` }).click();
    await confirm.getByRole("button", { name: "Remove member" }).click();
    await expect(confirm).toBeHidden();
    await expect(members.getByRole("cell", { name: member.email, exact: true })).toHaveCount(0);
    await expect(members.getByRole("cell", { name: admin.email, exact: true })).toBeVisible();
  });

  test("an invalid organization name is explained at the field", async ({ adminPage: page }) => {
    await page.goto("/app/organizations");
    await page.getByRole("button", { name: "Create organization" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create organization" });
    await dialog.getByLabel("Name").fill("not a valid name!");
    await dialog.getByLabel("Email").fill("ops@example.com");
    await dialog.getByRole("button", { name: "Create organization" }).click();
    await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText(/letters, numbers, hyphens or underscores$/).first()).toBeVisible();
    await page.screenshot(shot("console-organization-invalid"));
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("the owners team keeps its last member, and the refusal is shown in place", async ({ adminPage: page, admin, adminApi }) => {
    const org = uniqueName("ui-own");
    const created = await adminApi.post("/api/v2/organizations", {
      data: { data: { type: "organizations", attributes: { name: org, email: `${org}@example.com` } } },
    });
    expect(created.status(), await created.text()).toBe(201);

    await page.goto(`/app/${org}`);
    await expect(page).toHaveURL(new RegExp(`/app/${org}/settings/teams$`));
    await page.getByRole("link", { name: "owners", exact: true }).click();
    await expect(page.getByRole("heading", { name: "owners", level: 1 })).toBeVisible();
    await expect(page.getByText("The owners team cannot be renamed or deleted")).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete team" })).toHaveCount(0);

    await page.getByRole("button", { name: `Remove ${admin.email} from owners` }).click();
    const confirm = page.getByRole("dialog", { name: `Remove ${admin.email} from owners?` });
    await confirm.getByRole("button", { name: "Remove member" }).click();
    await expect(confirm.getByRole("alert")).toHaveText("The owners team must keep at least one member");
    await page.screenshot(shot("console-owners-last-member"));
  });

  test("a team can be renamed and deleted, which returns to the teams list", async ({ adminPage: page, adminApi }) => {
    const org = uniqueName("ui-del");
    const orgRes = await adminApi.post("/api/v2/organizations", {
      data: { data: { type: "organizations", attributes: { name: org, email: `${org}@example.com` } } },
    });
    expect(orgRes.status()).toBe(201);
    const teamRes = await adminApi.post(`/api/v2/organizations/${org}/teams`, { data: { data: { type: "teams", attributes: { name: "before" } } } });
    expect(teamRes.status()).toBe(201);
    const teamId = ((await teamRes.json()) as { data: { id: string } }).data.id;

    await page.goto(`/app/${org}/settings/teams/${teamId}`);
    await page.getByRole("button", { name: "Rename" }).click();
    const rename = page.getByRole("dialog", { name: "Rename before" });
    await rename.getByLabel("Team name").fill("after");
    await rename.getByRole("button", { name: "Rename team" }).click();
    await expect(page.getByRole("heading", { name: "after", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Delete team" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete team after?" });
    await expect(confirm).toContainText("This cannot be undone.");
    await page.screenshot(shot("console-team-delete-confirm"));
    await confirm.getByRole("button", { name: "Delete team" }).click();
    await expect(page).toHaveURL(new RegExp(`/app/${org}/settings/teams$`));
    await expect(page.getByRole("link", { name: "owners", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "after", exact: true })).toHaveCount(0);
  });

  test("the users page finds a user by email", async ({ adminPage: page, admin }) => {
    await page.goto("/app/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await page.getByLabel("Search users").fill(admin.email);
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: admin.email, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByText("Active")).toBeVisible();
    await expect(row.getByText("Site admin")).toBeVisible();
    await expect(row.getByText("Manual")).toBeVisible();
    await page.screenshot(shot("console-users"));

    await page.getByLabel("Search users").fill(uniqueName("nobody"));
    await expect(page.getByRole("heading", { name: /^No users match/ })).toBeVisible();
  });

  test("the user menu works with the keyboard and signs out", async ({ adminPage: page, admin }) => {
    await page.goto("/app/admin/users");
    const menuButton = page.getByRole("button", { name: `Account menu for ${admin.email}` });
    await menuButton.focus();
    await page.keyboard.press("ArrowDown");
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: "Your account" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Site Admin" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Your account" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
    await page.screenshot(shot("console-user-menu"));
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(menuButton).toBeFocused();

    await menuButton.click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto("/app/organizations");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });

  test("a session ended elsewhere sends the browser to sign in and back to the page it asked for", async ({ page, playwright }) => {
    const user = await createAccount(playwright, { admin: true });
    await page.goto("/sign-in?callbackUrl=%2Fapp%2Fadmin%2Fusers");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/app/admin/users");
    // Signing out in another session ends this one too; the browser still holds its cookie.
    const other = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    await signInViaApi(other, user.email, user.password);
    const { csrfToken } = (await (await other.get("/api/auth/csrf")).json()) as { csrfToken: string };
    expect((await other.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 })).status()).toBe(302);
    await other.dispose();
    // The open page finds out at its next API call, and goes to sign in instead of a dead end.
    await page.getByLabel("Search users", { exact: true }).fill("someone");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapp%2Fadmin%2Fusers/);
    await expect(page.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
    await page.goto("/app/admin/audit?action=user.");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapp%2Fadmin%2Faudit%3Faction%3Duser\.$/);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/app/admin/audit?action=user.");
  });

  test("a signed-in user who is not a site admin sees their account, not the console", async ({ page, playwright }) => {
    const user = await createAccount(playwright, { admin: false });
    await page.goto("/sign-in?callbackUrl=%2Fapp");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/app$/);
    await expect(page.getByRole("heading", { name: "You don't have access to the site admin console" })).toBeVisible();
    const account = page.getByRole("region", { name: "Your account" });
    await expect(account.getByText(user.email, { exact: true })).toBeVisible();
    await expect(account.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
    await page.screenshot(shot("console-no-access"));
  });
});
