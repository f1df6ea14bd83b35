// Site Admin IdP Group, SCIM groups and team sync through the browser. The identity provider's
// side (SAML, SCIM, a token, SCIM users and groups) is set up over HTTP. SCIM settings are a
// site-wide singleton: this file is one serial block, and it is the only spec of the "ui" project
// that changes them (playwright.config.ts runs ui/scim.spec.ts before it).
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { selfSignedCertificate } from "../../tests/certificates";
import { E2E_BASE_URL } from "../env";
import { apiAs, bootstrapToken, expect, test, uniqueName } from "../fixtures";

/** A full-page screenshot from the top: scrolled, the sticky header would be drawn mid-page. */
async function snap(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test.describe.configure({ mode: "serial" });

const SCIM = "application/scim+json";
const tag = randomBytes(3).toString("hex");
const ADMINS = `Roster Admins ${tag}`;
const ENGINEERS = `Platform Engineers ${tag}`;
const EMPTY = `Contractors ${tag}`;

interface ScimUser {
  id: string;
  email: string;
}

let secret = "";
const users: Record<"ana" | "ben" | "cy" | "dee", ScimUser> = {} as never;
const groups: Record<"admins" | "engineers" | "empty", string> = {} as never;

async function resetScimAndSaml(api: APIRequestContext) {
  const scim = await api.delete("/api/v2/admin/scim-settings");
  expect(scim.status(), await scim.text()).toBe(200);
  const saml = await api.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes: { enabled: false } } } });
  expect(saml.status(), await saml.text()).toBe(200);
}

/** A request to /scim/v2 as the identity provider. */
async function scim(method: "POST" | "PATCH", path: string, body: unknown) {
  const res = await fetch(`${E2E_BASE_URL}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, "Content-Type": SCIM, Accept: SCIM },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, text).toBe(method === "POST" ? 201 : 204);
  return (text ? JSON.parse(text) : null) as { id: string } | null;
}

async function createScimUser(name: string, active: boolean): Promise<ScimUser> {
  const email = `${name}.${tag}@example.test`;
  const created = await scim("POST", "/Users", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: email,
    name: { givenName: name, familyName: "Example" },
    emails: [{ value: email, primary: true, type: "work" }],
    active,
  });
  return { id: created!.id, email };
}

async function createScimGroup(displayName: string, members: ScimUser[]) {
  const created = await scim("POST", "/Groups", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    displayName,
    members: members.map((m) => ({ value: m.id })),
  });
  return created!.id;
}

async function addGroupMember(groupId: string, user: ScimUser) {
  await scim("PATCH", `/Groups/${groupId}`, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "add", path: "members", value: [{ value: user.id }] }],
  });
}

async function siteAdminSource(api: APIRequestContext, email: string) {
  const res = await api.get(`/api/v2/admin/users?q=${encodeURIComponent(email)}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { attributes: { email: string; "is-site-admin": boolean; "site-admin-source": string | null } }[] };
  const user = body.data.find((u) => u.attributes.email === email);
  return user?.attributes["is-site-admin"] ? user.attributes["site-admin-source"] : null;
}

async function rosterUserId(api: APIRequestContext, email: string) {
  const res = await api.get(`/api/v2/admin/users?q=${encodeURIComponent(email)}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { id: string; attributes: { email: string } }[] };
  const id = body.data.find((u) => u.attributes.email === email)?.id;
  expect(id).toBeTruthy();
  return id!;
}

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const option = (page: Page, name: string) => page.getByRole("option", { name: new RegExp(`^${name}`) });

test.beforeAll(async ({ playwright }) => {
  const api = await apiAs(playwright, bootstrapToken());
  await resetScimAndSaml(api);
  const saml = await api.patch("/api/v2/admin/saml-settings", {
    data: {
      data: {
        type: "saml-settings",
        attributes: { enabled: true, "provider-type": "okta", "idp-entity-id": "http://www.okta.com/e2e-sync", "sso-url": "https://idp.example.test/sso", certificate: selfSignedCertificate() },
      },
    },
  });
  expect(saml.status(), await saml.text()).toBe(200);
  const enabled = await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } });
  expect(enabled.status(), await enabled.text()).toBe(200);
  const token = await api.post("/api/v2/admin/scim-tokens", { data: { data: { type: "authentication-tokens", attributes: { description: "e2e sync IdP" } } } });
  expect(token.status(), await token.text()).toBe(201);
  secret = ((await token.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
  await api.dispose();
});

test.afterAll(async ({ playwright }) => {
  const api = await apiAs(playwright, bootstrapToken());
  await resetScimAndSaml(api);
  await api.dispose();
});

test("before the identity provider pushes groups, both sections say what comes next", async ({ adminPage: page }) => {
  await page.goto("/app/admin/scim");
  const sections = page.getByRole("heading", { level: 2 }).filter({ hasText: /^(Status|SCIM Tokens|Site Admin IdP Group|SCIM groups)$/ });
  await expect(sections).toHaveText(["Status", "SCIM Tokens", "Site Admin IdP Group", "SCIM groups"]);

  const siteAdmin = region(page, "Site Admin IdP Group");
  await expect(siteAdmin).toContainText("None. Site admins are only granted by hand.");
  await expect(siteAdmin.getByRole("button", { name: "Clear" })).toHaveCount(0);
  await expect(siteAdmin.getByRole("button", { name: "Update site admin provisioning" })).toBeDisabled();
  const picker = siteAdmin.getByRole("combobox", { name: "Site admin group" });
  await picker.click();
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await expect(siteAdmin.getByText("There are no SCIM groups yet.")).toBeVisible();
  await snap(page, "scim-sync-no-groups-picker");
  await page.keyboard.press("Escape");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(siteAdmin.getByText("There are no SCIM groups yet.")).toBeHidden();

  await expect(region(page, "SCIM groups").getByRole("heading", { name: "No SCIM groups yet" })).toBeVisible();
  await snap(page, "scim-sync-no-groups");
});

test("the SCIM groups list shows counts and links; a group's page lists its members and teams", async ({ adminPage: page }) => {
  users.ana = await createScimUser("ana", true);
  users.ben = await createScimUser("ben", true);
  users.cy = await createScimUser("cy", false);
  users.dee = await createScimUser("dee", true);
  groups.admins = await createScimGroup(ADMINS, [users.ana]);
  groups.engineers = await createScimGroup(ENGINEERS, [users.ana, users.ben, users.cy]);
  groups.empty = await createScimGroup(EMPTY, []);

  await page.goto("/app/admin/scim");
  const table = region(page, "SCIM groups").getByRole("table", { name: "SCIM groups" });
  const row = (name: string) => table.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row(ADMINS).getByRole("cell").nth(1)).toHaveText("1");
  await expect(row(ENGINEERS).getByRole("cell").nth(1)).toHaveText("3");
  await expect(row(ENGINEERS).getByRole("cell").nth(2)).toHaveText("None");
  await expect(row(EMPTY).getByRole("cell").nth(1)).toHaveText("0");
  await snap(page, "scim-sync-groups");

  // The search narrows the list.
  await region(page, "SCIM groups").getByRole("searchbox", { name: "Search SCIM groups" }).fill(`engineers ${tag}`);
  await expect(table.getByRole("row")).toHaveCount(2);
  await region(page, "SCIM groups").getByRole("searchbox", { name: "Search SCIM groups" }).fill(uniqueName("nothing"));
  await expect(page.getByRole("heading", { name: /^No SCIM groups match/ })).toBeVisible();
  await region(page, "SCIM groups").getByRole("searchbox", { name: "Search SCIM groups" }).fill("");

  await row(ENGINEERS).getByRole("link", { name: ENGINEERS }).click();
  await expect(page).toHaveURL(new RegExp(`/app/admin/scim/groups/${groups.engineers}$`));
  await expect(page.getByRole("heading", { name: ENGINEERS, level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "SCIM" })).toHaveAttribute("aria-current", "page");
  const members = page.getByRole("table", { name: `Members of ${ENGINEERS}` });
  const member = (u: ScimUser) => members.getByRole("row").filter({ hasText: u.email });
  await expect(member(users.ana).getByText("Active", { exact: true })).toBeVisible();
  await expect(member(users.ben).getByText("Active", { exact: true })).toBeVisible();
  await expect(member(users.cy).getByText("Suspended", { exact: true })).toBeVisible();
  await expect(member(users.ana)).toContainText(users.ana.email);
  await expect(page.getByRole("heading", { name: "No linked teams" })).toBeVisible();
  await snap(page, "scim-sync-group-detail");

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "SCIM", exact: true }).click();
  await expect(page).toHaveURL(/\/app\/admin\/scim$/);

  // An unknown group id gets a page that says so.
  await page.goto("/app/admin/scim/groups/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "This SCIM group does not exist" })).toBeVisible();
});

test("Site Admin IdP Group: pick a group and update, then clear it", async ({ adminPage: page, adminApi }) => {
  await page.goto("/app/admin/scim");
  const section = region(page, "Site Admin IdP Group");
  const picker = section.getByRole("combobox", { name: "Site admin group" });
  const update = section.getByRole("button", { name: "Update site admin provisioning" });

  // With the keyboard: type, move to the option, choose it.
  await picker.fill(`admins ${tag}`);
  await expect(option(page, ADMINS)).toBeVisible();
  await expect(option(page, ENGINEERS)).toHaveCount(0);
  await picker.press("ArrowDown");
  await expect(picker).toHaveAttribute("aria-activedescendant", /.+/);
  await snap(page, "scim-sync-site-admin-picker");
  await picker.press("Enter");
  await expect(picker).toHaveValue(ADMINS);
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(update).toBeEnabled();

  await update.click();
  const confirm = page.getByRole("dialog", { name: "Update site admin provisioning?" });
  await expect(confirm).toContainText(`Active members of “${ADMINS}” become site admins now`);
  await expect(confirm).toContainText("Users who became site admins through SCIM and are not in");
  await expect(confirm).toContainText("lose the role");
  await expect(confirm).toContainText("Site admins granted in Roster by hand keep the role.");
  await snap(page, "scim-sync-site-admin-update-dialog");
  await confirm.getByRole("button", { name: "Update site admin provisioning" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").getByText("Site admin provisioning updated")).toBeVisible();
  await expect(section.getByRole("link", { name: ADMINS })).toBeVisible();
  await expect(section.getByRole("combobox", { name: "New site admin group" })).toHaveValue("");
  const adminsRow = page.getByRole("table", { name: "SCIM groups" }).getByRole("row").filter({ hasText: ADMINS });
  await expect(adminsRow.getByText("Site admin group", { exact: true })).toBeVisible();
  expect(await siteAdminSource(adminApi, users.ana.email)).toBe("scim");
  expect(await siteAdminSource(adminApi, users.ben.email)).toBeNull();

  // The current group cannot be chosen again.
  await section.getByRole("combobox", { name: "New site admin group" }).fill(ADMINS);
  await expect(option(page, ADMINS)).toHaveAttribute("aria-disabled", "true");
  await expect(option(page, ADMINS)).toContainText("Current group");
  await page.keyboard.press("Escape");
  await snap(page, "scim-sync-site-admin-set");

  // While the group backs Ana's grant it is the identity provider's to revoke.
  const anaId = await rosterUserId(adminApi, users.ana.email);
  await page.goto(`/app/admin/users/${anaId}`);
  const revokeButton = page.getByRole("button", { name: "Revoke site admin" });
  await expect(revokeButton).toBeDisabled();
  await expect(revokeButton).toHaveAccessibleDescription("Granted by the Site Admin IdP Group");
  await page.goto("/app/admin/scim");

  // Clear: nobody loses the role.
  await section.getByRole("button", { name: "Clear" }).click();
  const clear = page.getByRole("dialog", { name: "Clear the site admin IdP group?" });
  await expect(clear).toContainText("Nobody loses the role now.");
  await snap(page, "scim-sync-site-admin-clear-dialog");
  await clear.getByRole("button", { name: "Clear" }).click();
  await expect(clear).toBeHidden();
  await expect(page.getByRole("status").getByText("Site admin IdP group cleared")).toBeVisible();
  await expect(section).toContainText("None. Site admins are only granted by hand.");
  await expect(section.getByRole("combobox", { name: "Site admin group" })).toHaveValue("");
  await expect(adminsRow.getByText("Site admin group", { exact: true })).toHaveCount(0);
  expect(await siteAdminSource(adminApi, users.ana.email)).toBe("scim");

  // The grant left over after the clear is the admin's to revoke.
  await page.goto(`/app/admin/users/${anaId}`);
  await expect(revokeButton).toBeEnabled();
  await revokeButton.click();
  const revoke = page.getByRole("dialog", { name: `Revoke site admin from ${users.ana.email}?` });
  await expect(revoke).toContainText("from a Site Admin IdP Group that no longer backs it");
  await snap(page, "scim-sync-leftover-grant-revoke-dialog");
  await revoke.getByRole("button", { name: "Revoke site admin" }).click();
  await expect(revoke).toBeHidden();
  await expect(page.getByRole("status").getByText(`Site admin revoked from ${users.ana.email}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Grant site admin" })).toBeVisible();
  expect(await siteAdminSource(adminApi, users.ana.email)).toBeNull();
});

test("a team linked to a SCIM group: members replaced, sync paused and resumed, then unlinked", async ({ adminPage: page, adminApi, admin }) => {
  // A team with one manual member, and a site-admin group that must not be offered.
  const org = uniqueName("sync");
  expect((await adminApi.post("/api/v2/organizations", { data: { data: { type: "organizations", attributes: { name: org, email: `${org}@example.com` } } } })).status()).toBe(201);
  const teamRes = await adminApi.post(`/api/v2/organizations/${org}/teams`, { data: { data: { type: "teams", attributes: { name: "platform" } } } });
  expect(teamRes.status()).toBe(201);
  const teamId = ((await teamRes.json()) as { data: { id: string } }).data.id;
  const added = await adminApi.post(`/api/v2/teams/${teamId}/relationships/users`, { data: { data: [{ type: "users", id: admin.id }] } });
  expect(added.status(), await added.text()).toBeLessThan(300);
  const mapped = await adminApi.patch("/api/v2/admin/scim-settings", {
    data: { data: { type: "scim-settings", attributes: { "site-admin-group-scim-id": groups.admins } } },
  });
  expect(mapped.status(), await mapped.text()).toBe(200);

  // The owners team is never offered a group.
  const list = (await (await adminApi.get(`/api/v2/organizations/${org}/teams`)).json()) as { data: { id: string; attributes: { "is-owners": boolean } }[] };
  const owners = list.data.find((t) => t.attributes["is-owners"]);
  await page.goto(`/app/${org}/settings/teams/${owners?.id}`);
  await expect(region(page, "SCIM Group")).toContainText("The owners team cannot be linked to a SCIM group");
  await expect(region(page, "SCIM Group").getByRole("combobox")).toHaveCount(0);

  const teamUrl = `/app/${org}/settings/teams/${teamId}`;
  await page.goto(teamUrl);
  await expect(page.getByRole("heading", { name: "platform", level: 1 })).toBeVisible();
  const groupSection = region(page, "SCIM Group");
  const members = page.getByRole("table", { name: "Members of platform" });
  await expect(members.getByRole("row").filter({ hasText: admin.email })).toHaveCount(1);
  await expect(region(page, "SCIM Sync")).toHaveCount(0);

  // The site-admin group is offered but disabled, with its reason.
  const picker = groupSection.getByRole("combobox", { name: "SCIM group" });
  await picker.fill(tag);
  await expect(option(page, ADMINS)).toHaveAttribute("aria-disabled", "true");
  await expect(option(page, ADMINS)).toContainText("Site admin group");
  await option(page, ADMINS).click({ force: true });
  await expect(picker).toHaveValue(tag);
  await snap(page, "scim-sync-team-picker");

  await option(page, ENGINEERS).click();
  await expect(picker).toHaveValue(ENGINEERS);
  const warning = groupSection.getByRole("note").filter({ hasText: "Saving replaces the team's members" });
  await expect(warning).toContainText(`The current member of platform will be replaced by the active members of “${ENGINEERS}”.`);
  await snap(page, "scim-sync-team-unlinked");
  await groupSection.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").getByText(`platform linked to “${ENGINEERS}”`)).toBeVisible();

  // Linked: the group's active members replaced the manual member; the list is read-only.
  await expect(groupSection.getByRole("link", { name: ENGINEERS })).toHaveAttribute("href", `/app/admin/scim/groups/${groups.engineers}`);
  await expect(members.getByRole("row").filter({ hasText: users.ana.email })).toHaveCount(1);
  await expect(members.getByRole("row").filter({ hasText: users.ben.email })).toHaveCount(1);
  await expect(members.getByRole("row").filter({ hasText: users.cy.email })).toHaveCount(0);
  await expect(members.getByRole("row").filter({ hasText: admin.email })).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "Membership is managed by the SCIM group" })).toContainText(`“${ENGINEERS}”`);
  await expect(page.getByRole("button", { name: "Add members" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rename" })).toHaveCount(0);
  const sync = region(page, "SCIM Sync");
  await expect(sync.getByText("Syncing", { exact: true })).toBeVisible();
  await expect(sync.locator("time")).toHaveAttribute("datetime", /^\d{4}-/);
  await snap(page, "scim-sync-team-linked");

  // The linked group cannot become the site-admin group, and the groups list shows the link.
  await page.goto("/app/admin/scim");
  await region(page, "Site Admin IdP Group").getByRole("combobox").fill(ENGINEERS);
  await expect(option(page, ENGINEERS)).toHaveAttribute("aria-disabled", "true");
  await expect(option(page, ENGINEERS)).toContainText("Linked to a team");
  await expect(option(page, EMPTY)).toHaveCount(0);
  await snap(page, "scim-sync-site-admin-linked-disabled");
  await page.keyboard.press("Escape");
  const engineersRow = page.getByRole("table", { name: "SCIM groups" }).getByRole("row").filter({ hasText: ENGINEERS });
  await engineersRow.getByRole("link", { name: "platform", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${teamUrl}$`));

  // Pause: membership freezes.
  await sync.getByRole("button", { name: "Pause Sync" }).click();
  const pause = page.getByRole("dialog", { name: "Pause sync for platform?" });
  await expect(pause).toContainText("is frozen as it is now");
  await snap(page, "scim-sync-team-pause-dialog");
  await pause.getByRole("button", { name: "Pause Sync" }).click();
  await expect(pause).toBeHidden();
  await expect(sync.getByText("Paused", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add members" })).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "Membership is managed by the SCIM group" })).toContainText("Sync is paused");

  await addGroupMember(groups.engineers, users.dee);
  await page.reload();
  await expect(members.getByRole("row").filter({ hasText: users.ana.email })).toHaveCount(1);
  await expect(members.getByRole("row").filter({ hasText: users.dee.email })).toHaveCount(0);
  await snap(page, "scim-sync-team-paused");

  // Resume: reconciled with the group at once.
  await sync.getByRole("button", { name: "Resume Sync" }).click();
  const resume = page.getByRole("dialog", { name: "Resume sync for platform?" });
  await expect(resume).toContainText(`Roster reconciles platform with “${ENGINEERS}” now`);
  await snap(page, "scim-sync-team-resume-dialog");
  await resume.getByRole("button", { name: "Resume Sync" }).click();
  await expect(resume).toBeHidden();
  await expect(sync.getByText("Syncing", { exact: true })).toBeVisible();
  await expect(members.getByRole("row").filter({ hasText: users.dee.email })).toHaveCount(1);

  // Unlink: the members stay and become manually managed.
  await groupSection.getByRole("button", { name: "Unlink" }).click();
  const unlink = page.getByRole("dialog", { name: `Unlink platform from “${ENGINEERS}”?` });
  await expect(unlink).toContainText("3 members stay");
  await expect(unlink).toContainText("manually managed");
  await snap(page, "scim-sync-team-unlink-dialog");
  await unlink.getByRole("button", { name: "Unlink" }).click();
  await expect(unlink).toBeHidden();
  await expect(groupSection.getByRole("combobox", { name: "SCIM group" })).toBeVisible();
  await expect(region(page, "SCIM Sync")).toHaveCount(0);
  for (const u of [users.ana, users.ben, users.dee]) await expect(members.getByRole("row").filter({ hasText: u.email })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Add members" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: `Remove ${users.ana.email} from platform` })).toBeVisible();
  await snap(page, "scim-sync-team-after-unlink");
});
