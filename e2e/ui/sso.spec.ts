// SAML single sign-on in Chromium against a real test identity provider (e2e/saml-browser-idp.ts,
// HTTPS on 127.0.0.1): SP-initiated sign-in of a SCIM-provisioned user landing on the page they
// asked for, the refusals (suspended, not provisioned, forged, replayed, IdP-initiated while off),
// the admin's "Test sign-in", and just-in-time creation while SCIM is off. SAML and SCIM settings
// are site-wide singletons: this file runs serially in the scim-ui project, after ui/scim.spec.ts.
import { mkdirSync } from "node:fs";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { E2E_BASE_URL } from "../env";
import { apiAs, bootstrapToken, expect, test, uniqueName } from "../fixtures";
import { BrowserIdp } from "../saml-browser-idp";
import { ScimIdp } from "../scim-idp";

const shot = (name: string) => {
  mkdirSync("test-results/screenshots", { recursive: true });
  return { path: `test-results/screenshots/${name}.png`, fullPage: true };
};

test.describe.configure({ mode: "serial" });
// The test IdP's TLS certificate is self-signed.
test.use({ ignoreHTTPSErrors: true });

let idp: BrowserIdp;
let api: APIRequestContext;
let scim: ScimIdp;

interface AuditEvent {
  attributes: { action: string; outcome: string; "request-id": string; target: { id: string | null }; summary: Record<string, unknown> | null };
}

async function auditEvents(query: string): Promise<AuditEvent[]> {
  const res = await api.get(`/api/v2/admin/audit-events?${query}&page[size]=100`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: AuditEvent[] }).data;
}

async function userIdFor(email: string): Promise<string | null> {
  const res = await api.get(`/api/v2/admin/users?q=${encodeURIComponent(email)}`);
  expect(res.status()).toBe(200);
  const found = ((await res.json()) as { data: { id: string; attributes: { email: string } }[] }).data.find((u) => u.attributes.email.toLowerCase() === email.toLowerCase());
  return found?.id ?? null;
}

async function samlSettings(attributes: Record<string, unknown>) {
  const res = await api.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes } } });
  expect(res.status(), await res.text()).toBe(200);
}

/** From a console page, through "Sign in with SSO" and the IdP's form, as `email`. */
async function signInWithSso(page: Page, path: string, email: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  await expect(page.getByRole("heading", { name: "Test IdP" })).toBeVisible();
  expect(page.url().startsWith(`${idp.ssoUrl}?SAMLRequest=`)).toBe(true);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

/** Posts a SAMLResponse to the ACS from outside the browser; returns where it redirects. */
async function postToAcs(request: APIRequestContext, samlResponse: string) {
  const res = await request.post("/saml/acs", { form: { SAMLResponse: samlResponse }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  return new URL(res.headers()["location"] ?? "", E2E_BASE_URL);
}

test.beforeAll(async ({ playwright }) => {
  idp = await BrowserIdp.start(E2E_BASE_URL);
  api = await apiAs(playwright, bootstrapToken());
  await samlSettings({
    enabled: true,
    "provider-type": "saml",
    "idp-entity-id": idp.entityId,
    "sso-url": idp.ssoUrl,
    certificate: idp.certificate,
    "idp-initiated-enabled": false,
  });
  scim = new ScimIdp(api, "e2e sso");
  await scim.ensureReady();
});

test.afterAll(async () => {
  await idp?.stop();
  await api?.dispose();
});

test("a SCIM-provisioned user signs in with SSO and lands on the page they asked for", async ({ browser }) => {
  const email = `${uniqueName("sso")}@example.com`;
  const scimUser = await scim.createUser(email);
  const userId = await userIdFor(email);
  expect(userId).not.toBeNull();

  const page = await freshPage(browser);
  await page.goto("/sign-in");
  await page.screenshot(shot("sso-sign-in-page"));
  // The email is matched case-insensitively.
  await signInWithSso(page, "/app?from=sso", email.toUpperCase());
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app?from=sso`);
  await expect(page.getByRole("heading", { name: "You don't have access to the site admin console" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your account" }).getByText(email)).toBeVisible();
  await page.screenshot(shot("sso-landed"));

  // Roster sent an AuthnRequest naming our ACS, and the IdP answered it.
  expect(idp.requests.at(-1)?.acsUrl).toBe(`${E2E_BASE_URL}/saml/acs`);
  expect(idp.requests.at(-1)?.issuer).toBe(`${E2E_BASE_URL}/saml/metadata`);

  const events = await auditEvents(`filter[action]=session.sign-in&filter[target]=${userId}`);
  expect(events.length).toBe(1);
  expect(events[0]!.attributes.outcome).toBe("success");
  expect(events[0]!.attributes.summary).toMatchObject({ method: "saml" });

  // The session carries no role: site admin comes from the database on every request. Not yet…
  expect((await page.request.get("/app/admin/users", { maxRedirects: 0 })).status()).toBe(404);
  // …then the IdP puts the user in the Site Admin IdP Group, and the same session is an admin.
  const group = await scim.request("POST", "/Groups", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    displayName: uniqueName("sso-admins"),
    members: [{ value: scimUser.id }],
  });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  const mapped = await api.patch("/api/v2/admin/scim-settings", {
    data: { data: { type: "scim-settings", attributes: { "site-admin-group-scim-id": group.body.id } } },
  });
  expect(mapped.status(), await mapped.text()).toBe(200);
  try {
    await page.goto("/app/admin/users");
    await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

    // A new SSO sign-in that asks for a deep admin page lands exactly there.
    const again = await freshPage(browser);
    await signInWithSso(again, `/app/admin/users?q=${encodeURIComponent(email)}`, email);
    await expect(again).toHaveURL(`${E2E_BASE_URL}/app/admin/users?q=${encodeURIComponent(email)}`);
    await expect(again.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
    await again.context().close();
  } finally {
    const cleared = await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { "site-admin-group-scim-id": null } } } });
    expect(cleared.status()).toBe(200);
  }
  await page.context().close();
});

test("a replayed response and a forged one are refused, audited, and show a reference only", async ({ browser, playwright }) => {
  const email = `${uniqueName("sso-replay")}@example.com`;
  await scim.createUser(email);
  const page = await freshPage(browser);
  await signInWithSso(page, "/app", email);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  const used = idp.responses.at(-1)!;

  const outsider = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const replayed = await postToAcs(outsider, used);
  expect(replayed.pathname).toBe("/sign-in");
  expect(replayed.searchParams.get("error")).toBe("sso_failed");
  const replayRef = replayed.searchParams.get("ref")!;

  const forged = idp.saml.response({ email, inResponseTo: null, signWithOtherKey: true }).samlResponse;
  const forgedAt = await postToAcs(outsider, forged);
  expect(forgedAt.searchParams.get("error")).toBe("sso_failed");
  const forgedRef = forgedAt.searchParams.get("ref")!;

  // Signed correctly but IdP-initiated, which is off.
  const unsolicited = idp.saml.response({ email, inResponseTo: null }).samlResponse;
  const unsolicitedAt = await postToAcs(outsider, unsolicited);
  const unsolicitedRef = unsolicitedAt.searchParams.get("ref")!;
  // No session came out of any of them.
  expect((await outsider.storageState()).cookies.map((c) => c.name).filter((n) => n.includes("session-token"))).toEqual([]);
  await outsider.dispose();

  const failed = await auditEvents("filter[action]=session.sign-in-failed");
  const reasonOf = (ref: string) => failed.find((e) => e.attributes["request-id"] === ref)?.attributes.summary?.reason;
  expect(reasonOf(replayRef)).toBe("replayed");
  expect(reasonOf(forgedRef)).toBe("invalid_signature");
  expect(reasonOf(unsolicitedRef)).toBe("idp_initiated_refused");

  // The browser's page names no check, only the reference. It is shown in a new, signed-out
  // context. Clearing the cookies of the signed-in page raced with that page's own scripts: its
  // account query, answered 401 once the cookies were gone, sends the page to
  // /sign-in?callbackUrl=/app (components/layout/providers.tsx), which could win over the goto.
  await page.context().close();
  const anonymous = await freshPage(browser);
  await anonymous.goto(forgedAt.pathname + forgedAt.search);
  await expect(anonymous).toHaveURL(/\/sign-in\?error=sso_failed/);
  const alert = anonymous.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Single sign-on could not be completed");
  await expect(alert).toContainText(forgedRef);
  await expect(alert).not.toContainText(/signature/i);
  await anonymous.screenshot(shot("sso-failed"));
  await anonymous.context().close();
});

test("with SSO on, a recovery admin still signs in with a password, and an SSO user has none", async ({ browser, admin }) => {
  const page = await freshPage(browser);
  await page.goto("/app/admin/users");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole("button", { name: "Sign in with SSO" })).toBeVisible();
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app/admin/users`);
  await page.context().close();

  const email = `${uniqueName("sso-nopw")}@example.com`;
  await scim.createUser(email);
  const other = await freshPage(browser);
  await other.goto("/sign-in");
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill("any password at all, 12+");
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(other.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
  await other.context().close();
});

test("Sign in with SSO is a button that works from the keyboard, Space and Enter alike", async ({ browser }) => {
  const page = await freshPage(browser);
  for (const key of ["Space", "Enter"]) {
    await page.goto("/sign-in?callbackUrl=%2Fapp");
    await page.getByRole("button", { name: "Sign in with SSO" }).focus();
    await page.keyboard.press(key);
    await expect(page.getByRole("heading", { name: "Test IdP" })).toBeVisible();
  }
  await page.context().close();
});

test("a suspended user and an unprovisioned email are refused with a clear message", async ({ browser }) => {
  const suspendedEmail = `${uniqueName("sso-suspended")}@example.com`;
  const created = await scim.createUser(suspendedEmail);
  await scim.setActive(created.id, false);

  const page = await freshPage(browser);
  await signInWithSso(page, "/app", suspendedEmail);
  await expect(page).toHaveURL(/\/sign-in\?error=sso_suspended/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your account is suspended. Contact a site administrator to restore access.");
  await page.screenshot(shot("sso-suspended"));

  const unknown = `${uniqueName("sso-unknown")}@example.com`;
  await signInWithSso(page, "/app", unknown);
  await expect(page).toHaveURL(/\/sign-in\?error=sso_not_provisioned/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your account has not been provisioned yet — ask your administrator.");
  await page.screenshot(shot("sso-not-provisioned"));
  // While SCIM is on, SSO never creates a user.
  expect(await userIdFor(unknown)).toBeNull();

  const failed = await auditEvents("filter[action]=session.sign-in-failed");
  const suspendedId = await userIdFor(suspendedEmail);
  expect(failed.some((e) => e.attributes.target.id === suspendedId && e.attributes.summary?.reason === "suspended")).toBe(true);
  expect(failed.some((e) => e.attributes.summary?.reason === "not_provisioned" && e.attributes.summary?.email === unknown)).toBe(true);
  await page.context().close();
});

test("the SAML page shows what to paste into the IdP, and Test sign-in runs a real round trip", async ({ adminPage: page }) => {
  await page.goto("/app/admin/saml");
  const details = page.getByRole("region", { name: "Roster's details for your identity provider" });
  await expect(details.getByLabel("SP entity ID", { exact: true })).toHaveValue(`${E2E_BASE_URL}/saml/metadata`);
  await expect(details.getByLabel("ACS URL", { exact: true })).toHaveValue(`${E2E_BASE_URL}/saml/acs`);
  await expect(details.getByLabel("Metadata URL", { exact: true })).toHaveValue(`${E2E_BASE_URL}/saml/metadata`);
  await expect(details.getByRole("button", { name: "Copy ACS URL" })).toBeEnabled();

  const email = `${uniqueName("sso-test")}@example.com`;
  await scim.createUser(email);
  await page.getByRole("link", { name: "Test sign-in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/app\/admin\/saml\?test=/);
  const report = page.getByRole("region", { name: "Test sign-in" });
  await expect(report).toContainText("Test sign-in succeeded");
  await expect(report).toContainText(email);
  await page.screenshot(shot("saml-test-sign-in-ok"));

  // A response signed with another key: the admin is told which check failed and why.
  idp.responseOptions = { signWithOtherKey: true };
  try {
    await page.getByRole("link", { name: "Test sign-in" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Continue" }).click();
  } finally {
    idp.responseOptions = {};
  }
  await expect(report.getByRole("alert")).toContainText("Test sign-in failed");
  await expect(report.getByRole("alert")).toContainText("not signed with the saved certificate");
  await page.screenshot(shot("saml-test-sign-in-failed"));
  // The reference leads to the audit event, which names the check that failed.
  await report.getByRole("link", { name: /See the audit event/ }).click();
  await expect(page).toHaveURL(/\/app\/admin\/audit\?reference=[0-9a-f-]{36}$/);
  const ref = new URL(page.url()).searchParams.get("reference")!;
  const [failed] = await auditEvents(`filter[request-id]=${ref}`);
  expect(failed?.attributes).toMatchObject({ action: "session.sign-in-failed", summary: { method: "saml", reason: "invalid_signature", test: true } });
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await page.goto("/app/admin/saml");

  // The admin's own session is untouched by the test.
  await expect(page.getByRole("heading", { name: "SAML single sign-on" })).toBeVisible();
});

test("an IdP-initiated sign-in works once an admin turns it on, landing on RelayState", async ({ playwright }) => {
  const email = `${uniqueName("sso-idp")}@example.com`;
  await scim.createUser(email);
  await samlSettings({ "idp-initiated-enabled": true });
  try {
    const browserless = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    const res = await browserless.post("/saml/acs", {
      form: { SAMLResponse: idp.saml.response({ email, inResponseTo: null }).samlResponse, RelayState: "/app" },
    });
    expect(res.status()).toBe(200);
    expect(new URL(res.url()).pathname).toBe("/app");
    await browserless.dispose();
  } finally {
    await samlSettings({ "idp-initiated-enabled": false });
  }
});

test("while SCIM is off, the first SSO sign-in creates the user", async ({ browser }) => {
  const del = await api.delete("/api/v2/admin/scim-settings");
  expect(del.status(), await del.text()).toBe(200);
  const email = `${uniqueName("sso-jit")}@example.com`;
  expect(await userIdFor(email)).toBeNull();

  const page = await freshPage(browser);
  await signInWithSso(page, "/app", email);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/app`);
  const id = await userIdFor(email);
  expect(id).not.toBeNull();
  const signedIn = await auditEvents(`filter[action]=session.sign-in&filter[target]=${id}`);
  expect(signedIn.map((e) => e.attributes.summary)).toEqual([expect.objectContaining({ method: "saml", created: true, email })]);
  const detail = await api.get(`/api/v2/admin/users/${id}`);
  expect(((await detail.json()) as { data: { attributes: Record<string, unknown> } }).data.attributes).toMatchObject({ "is-site-admin": false });
  await page.context().close();
});
