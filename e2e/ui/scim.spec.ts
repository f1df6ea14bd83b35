// Site Admin › SCIM and › SAML through the browser. SCIM and SAML settings are site-wide
// singletons, so every test that changes them lives in one serial block that starts from a reset
// and leaves SCIM disabled and SAML off; the warning states at the end run after it, serially too.
import { mkdirSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { expiredCertificate, selfSignedCertificate } from "../../tests/certificates";
import { E2E_BASE_URL } from "../env";
import { apiAs, bootstrapToken, expect, test, uniqueName } from "../fixtures";

const shot = (name: string) => {
  mkdirSync("test-results/screenshots", { recursive: true });
  return { path: `test-results/screenshots/${name}.png`, fullPage: true };
};

const DAY = 24 * 60 * 60 * 1000;

// Every test here changes site-wide settings: the whole file runs in order, on one worker.
test.describe.configure({ mode: "serial" });

async function resetScimAndSaml(api: APIRequestContext) {
  const scim = await api.delete("/api/v2/admin/scim-settings");
  expect(scim.status(), await scim.text()).toBe(200);
  const saml = await api.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes: { enabled: false } } } });
  expect(saml.status(), await saml.text()).toBe(200);
}

/** GET /scim/v2/… with a SCIM token, from outside the browser. */
async function scimGet(page: Page, path: string, secret: string) {
  return page.request.get(`/scim/v2/${path}`, { headers: { Authorization: `Bearer ${secret}`, Accept: "application/scim+json" } });
}

const statusCard = (page: Page) => page.getByRole("region", { name: "Status" });

async function openManageItem(page: Page, item: string) {
  await page.getByRole("button", { name: "Manage" }).click();
  await page.getByRole("menu").getByRole("menuitem", { name: item }).click();
}

test.describe.serial("SCIM and SAML settings", () => {
  test.afterAll(async ({ playwright }) => {
    const api = await apiAs(playwright, bootstrapToken());
    await resetScimAndSaml(api);
    await api.dispose();
  });

  test("while SAML is off, SCIM cannot be enabled and the page says why", async ({ adminPage: page, adminApi }) => {
    await resetScimAndSaml(adminApi);

    await page.goto("/app/admin/scim");
    await expect(page.getByRole("heading", { name: "SCIM provisioning", level: 1 })).toBeVisible();
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs).toContainText("Site Admin");
    await expect(crumbs).toContainText("SCIM");
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "SCIM" })).toHaveAttribute("aria-current", "page");

    await expect(statusCard(page).getByText("Disabled", { exact: true })).toBeVisible();
    await expect(statusCard(page)).toContainText("Roster does not process provisioning requests to /scim/v2/Users and /scim/v2/Groups.");
    const enable = page.getByRole("button", { name: "Enable SCIM provisioning" });
    await expect(enable).toBeDisabled();
    await expect(enable).toHaveAccessibleDescription(/SAML single sign-on must be enabled/);
    await expect(page.getByRole("button", { name: "Manage" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create Token" })).toBeDisabled();
    await expect(page.getByText("Enable SCIM provisioning to create tokens.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "No SCIM tokens" })).toBeVisible();
    await page.screenshot(shot("scim-disabled-saml-off"));

    await page.getByRole("link", { name: "Configure SAML" }).click();
    await expect(page).toHaveURL(/\/app\/admin\/saml$/);
    await expect(page.getByRole("heading", { name: "SAML single sign-on", level: 1 })).toBeVisible();
  });

  test("SAML settings: a bad URL is explained at the field, a valid certificate shows its subject and expiry", async ({ adminPage: page }) => {
    await page.goto("/app/admin/saml");
    await expect(page.getByRole("heading", { name: "SAML single sign-on", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "SAML" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByLabel("Enable SAML single sign-on")).not.toBeChecked();
    await page.screenshot(shot("saml-initial"));

    await page.getByLabel("Provider type").selectOption("okta");
    await page.getByLabel("IdP entity ID").fill("http://www.okta.com/exk-e2e");
    await page.getByLabel("SSO URL").fill("http://idp.example.com/sso/saml");
    await page.getByRole("textbox", { name: "Signing certificate" }).fill(selfSignedCertificate({ cn: "idp.example.com" }));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByLabel("SSO URL")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("The settings were not saved")).toBeVisible();
    await page.screenshot(shot("saml-invalid-sso-url"));

    await page.getByLabel("SSO URL").fill("https://idp.example.com/sso/saml");
    await page.getByLabel("Allow IdP-initiated sign-in").check();
    await page.getByLabel("Enable SAML single sign-on").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").getByText("SAML settings saved")).toBeVisible();
    await expect(page.getByLabel("SSO URL")).not.toHaveAttribute("aria-invalid", "true");

    const certificate = page.getByRole("definition").filter({ hasText: "idp.example.com" });
    await expect(certificate).toBeVisible();
    const expires = page.locator("dl[aria-label='Saved signing certificate'] time");
    await expect(expires).toHaveAttribute("datetime", new RegExp(`^${new Date(Date.now() + 365 * DAY).getUTCFullYear()}-`));
    await expect(page.getByRole("heading", { name: "SAML single sign-on", level: 1 }).locator("..").getByText("Enabled", { exact: true })).toBeVisible();
    await page.screenshot(shot("saml-saved"));

    // The saved values come back after a reload.
    await page.reload();
    await expect(page.getByLabel("Provider type")).toHaveValue("okta");
    await expect(page.getByLabel("SSO URL")).toHaveValue("https://idp.example.com/sso/saml");
    await expect(page.getByLabel("Enable SAML single sign-on")).toBeChecked();
    await expect(page.getByLabel("Allow IdP-initiated sign-in")).toBeChecked();
  });

  test("SCIM lifecycle: enable, copy the URL, create and use a token, pause, resume, delete the token, disable", async ({ adminPage: page }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E_BASE_URL });
    await page.goto("/app/admin/scim");

    // Enable.
    const enable = page.getByRole("button", { name: "Enable SCIM provisioning" });
    await expect(enable).toBeEnabled();
    await page.screenshot(shot("scim-disabled-saml-on"));
    await enable.click();
    await expect(statusCard(page).getByText("Enabled", { exact: true })).toBeVisible();
    await expect(statusCard(page)).toContainText("Roster processes provisioning requests to /scim/v2/Users and /scim/v2/Groups");
    await expect(page.getByRole("heading", { name: "No SCIM tokens yet" })).toBeVisible();

    // Copy the base URL.
    const baseUrl = page.getByRole("textbox", { name: "SCIM base URL" });
    await expect(baseUrl).toHaveAttribute("readonly", "");
    await expect(baseUrl).toHaveValue(/^https?:\/\/.+\/scim\/v2$/);
    await page.getByRole("button", { name: "Copy SCIM base URL" }).click();
    await expect(page.getByRole("status").getByText("Copied", { exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await baseUrl.inputValue());
    await page.screenshot(shot("scim-enabled"));

    // Create a token; the secret is shown once and works against /scim/v2.
    const description = uniqueName("Okta e2e");
    await page.getByRole("button", { name: "Create Token" }).click();
    const create = page.getByRole("dialog", { name: "Create SCIM token" });
    await create.getByLabel("Description").fill(description);
    await create.getByRole("radio", { name: "30 days" }).check();
    await page.screenshot(shot("scim-token-create-dialog"));
    await create.getByRole("button", { name: "Create Token", exact: true }).click();

    const created = page.getByRole("dialog", { name: "SCIM token created" });
    await expect(created).toContainText("You won't see it again");
    const secretInput = created.getByRole("textbox", { name: "Token", exact: true });
    await expect(secretInput).toHaveAttribute("readonly", "");
    await expect(secretInput).toBeFocused();
    const secret = await secretInput.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await created.getByRole("button", { name: "Copy token" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.screenshot(shot("scim-token-secret"));

    const discovery = await scimGet(page, "ServiceProviderConfig", secret);
    expect(discovery.status(), await discovery.text()).toBe(200);

    await created.getByRole("button", { name: "Done" }).click();
    await expect(created).toBeHidden();
    const tokens = page.getByRole("table", { name: "SCIM tokens" });
    const row = tokens.getByRole("row").filter({ hasText: description });
    await expect(row).toHaveCount(1);

    // A token with a custom date: the earliest date the form offers is accepted.
    const customDescription = uniqueName("custom-date");
    await page.getByRole("button", { name: "Create Token" }).click();
    await create.getByLabel("Description").fill(customDescription);
    await create.getByRole("radio", { name: "Custom date" }).check();
    const dateInput = create.getByLabel("Expiration date");
    const min = await dateInput.getAttribute("min");
    expect(min).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A day too early is explained in dates, before anything is sent.
    const early = new Date(`${min}T12:00:00Z`);
    early.setUTCDate(early.getUTCDate() - 1);
    await dateInput.fill(early.toISOString().slice(0, 10));
    await create.getByRole("button", { name: "Create Token", exact: true }).click();
    await expect(create.getByText(/^Pick a date from .+ to .+\.$/)).toBeVisible();
    await page.screenshot(shot("scim-token-create-date-too-early"));
    await dateInput.fill(min ?? "");
    await page.screenshot(shot("scim-token-create-custom-date"));
    await create.getByRole("button", { name: "Create Token", exact: true }).click();
    await expect(created).toBeVisible();
    await created.getByRole("button", { name: "Done" }).click();
    await expect(tokens.getByRole("row").filter({ hasText: customDescription })).toHaveCount(1);

    // After a reload the secret is nowhere on the page.
    await page.reload();
    await expect(row).toHaveCount(1);
    expect(await page.content()).not.toContain(secret);
    await page.screenshot(shot("scim-tokens"));

    // Pause: the badge and the sentence change.
    await openManageItem(page, "Pause SCIM provisioning");
    const pause = page.getByRole("dialog", { name: "Pause SCIM provisioning?" });
    await expect(pause).toContainText("403 Forbidden");
    await expect(pause).toContainText("tokens stay in place");
    await page.screenshot(shot("scim-pause-dialog"));
    await pause.getByRole("button", { name: "Pause SCIM provisioning" }).click();
    await expect(pause).toBeHidden();
    await expect(statusCard(page).getByText("Paused", { exact: true })).toBeVisible();
    await expect(statusCard(page)).toContainText("rejected with 403 Forbidden");
    await page.screenshot(shot("scim-paused"));

    // Resume, with the keyboard this time.
    const manage = page.getByRole("button", { name: "Manage" });
    await manage.focus();
    await page.keyboard.press("Enter");
    const resumeItem = page.getByRole("menuitem", { name: "Resume SCIM provisioning" });
    await expect(resumeItem).toBeFocused();
    await expect(page.getByRole("menuitem", { name: "Pause SCIM provisioning" })).toHaveCount(0);
    await page.screenshot(shot("scim-manage-menu"));
    await page.keyboard.press("Enter");
    const resume = page.getByRole("dialog", { name: "Resume SCIM provisioning?" });
    await expect(resume).toContainText("Team links that were paused individually stay paused");
    await page.screenshot(shot("scim-resume-dialog"));
    await resume.getByRole("button", { name: "Resume SCIM provisioning" }).click();
    await expect(resume).toBeHidden();
    await expect(statusCard(page).getByText("Enabled", { exact: true })).toBeVisible();

    // Delete the token: named in the dialog, refused on the very next request.
    await page.getByRole("button", { name: `Delete token ${description}` }).click();
    const del = page.getByRole("dialog", { name: `Delete token “${description}”?` });
    await expect(del).toContainText("fail immediately");
    await page.screenshot(shot("scim-token-delete-dialog"));
    await del.getByRole("button", { name: "Delete token" }).click();
    await expect(del).toBeHidden();
    await expect(tokens.getByRole("row").filter({ hasText: description })).toHaveCount(0);
    expect((await scimGet(page, "ServiceProviderConfig", secret)).status()).toBe(401);

    // Disable: the dialog lists what goes and what stays.
    await openManageItem(page, "Disable SCIM provisioning");
    const disable = page.getByRole("dialog", { name: "Disable SCIM provisioning?" });
    await expect(disable.getByRole("list", { name: "Deleted" })).toContainText("All SCIM identities");
    await expect(disable.getByRole("list", { name: "Deleted" })).toContainText("All SCIM tokens");
    await expect(disable.getByRole("list", { name: "Kept" })).toContainText("Teams and their current members");
    await expect(disable.getByRole("list", { name: "Kept" })).toContainText("Existing site admin grants");
    await expect(disable).toContainText("you must create new tokens and reconnect your identity provider");
    await page.screenshot(shot("scim-disable-dialog"));
    await disable.getByRole("button", { name: "Disable SCIM provisioning" }).click();
    await expect(disable).toBeHidden();
    await expect(statusCard(page).getByText("Disabled", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Enable SCIM provisioning" })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Create Token" })).toBeDisabled();
    await expect(page.getByRole("heading", { name: "No SCIM tokens" })).toBeVisible();
    await page.screenshot(shot("scim-disabled-after"));
  });

  test("SAML cannot be turned off while SCIM is on", async ({ adminPage: page, adminApi }) => {
    const enabled = await adminApi.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } });
    expect(enabled.status(), await enabled.text()).toBe(200);

    await page.goto("/app/admin/saml");
    await expect(page.getByText("SCIM provisioning is on. Disable it on the SCIM page")).toBeVisible();
    await page.getByLabel("Enable SAML single sign-on").uncheck();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Disable SCIM provisioning first").first()).toBeVisible();
    await page.screenshot(shot("saml-disable-refused"));
  });
});

// --- Warning states, from real data. Tokens cannot be created already expired (29–365 days), so
// their expiry is moved in the database, which only the PostgreSQL run can reach from outside the
// server; the PGlite run covers the same rule in Vitest (tokenExpiry).

test.describe("SCIM and SAML warnings", () => {
  test("an expired signing certificate is accepted and flagged on the SAML page", async ({ adminPage: page, adminApi }) => {
    const expired = expiredCertificate();
    const res = await adminApi.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes: { certificate: expired } } } });
    expect(res.status(), await res.text()).toBe(200);
    await page.goto("/app/admin/saml");
    await expect(page.getByRole("alert").filter({ hasText: "The signing certificate has expired" })).toBeVisible();
    await expect(page.getByText("CN=old.example.com").first()).toBeVisible();
    await page.screenshot(shot("saml-certificate-expired"));
    await adminApi.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes: { certificate: null, enabled: false } } } });
  });

  test("expired and expiring tokens are flagged on the page and in the sidebar", async ({ adminPage: page, adminApi }) => {
    test.skip(!process.env.DATABASE_URL, "needs direct database access to age tokens (PostgreSQL run only)");
    const { default: postgres } = await import("postgres");
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await adminApi.delete("/api/v2/admin/scim-settings");
      const cert = selfSignedCertificate();
      const saml = await adminApi.patch("/api/v2/admin/saml-settings", {
        data: { data: { type: "saml-settings", attributes: { enabled: true, "provider-type": "okta", "idp-entity-id": "http://www.okta.com/e2e", "sso-url": "https://e2e.okta.example.com/sso", certificate: cert } } },
      });
      expect(saml.status()).toBe(200);
      expect((await adminApi.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } })).status()).toBe(200);
      const make = async (description: string) => {
        const r = await adminApi.post("/api/v2/admin/scim-tokens", { data: { data: { type: "authentication-tokens", attributes: { description } } } });
        return ((await r.json()) as { data: { id: string } }).data.id;
      };
      const old = await make("Entra old");
      const soon = await make("Okta staging");
      await make("Okta production");
      await sql`update scim_tokens set expired_at = now() - interval '2 days' where id = ${old}`;
      await sql`update scim_tokens set expired_at = now() + interval '5 days' - interval '1 minute' where id = ${soon}`;

      await page.goto("/app/admin/scim");
      await expect(page.getByRole("alert").filter({ hasText: "A SCIM token has expired" })).toContainText("“Entra old”");
      const tokens = page.getByRole("table", { name: "SCIM tokens" });
      await expect(tokens.getByRole("row").filter({ hasText: "Entra old" }).getByText("Expired", { exact: true })).toBeVisible();
      await expect(tokens.getByRole("row").filter({ hasText: "Okta staging" }).getByText("Expires in 5 days")).toBeVisible();
      await expect(tokens.getByRole("row").filter({ hasText: "Okta production" }).getByText(/^Expire/)).toHaveCount(0);
      const nav = page.getByRole("navigation", { name: "Console" });
      await expect(nav.getByRole("img", { name: "A SCIM token has expired" })).toBeVisible();
      await page.screenshot(shot("scim-token-warnings"));
    } finally {
      await adminApi.delete("/api/v2/admin/scim-settings");
      await adminApi.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes: { enabled: false } } } });
      await sql.end();
    }
  });
});
