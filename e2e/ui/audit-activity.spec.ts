// Site Admin › Audit log and › Provisioning activity through the browser, after a scripted burst
// of SCIM requests from an identity provider (creates, a duplicate, a malformed filter, a bad
// token, a deactivation, an unknown group). The burst and its checks run again if another spec
// resets SCIM meanwhile (see e2e/scim-idp.ts); SCIM is left enabled.
import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { apiAs, bootstrapToken, createLocalUser, expect, snap, test, uniqueName } from "../fixtures";
import { randomScimId, ScimIdp } from "../scim-idp";

test.describe.configure({ mode: "serial" });

interface Burst {
  /** The token that sent it: a reset of SCIM since means the burst must be sent again. */
  tokenId: string;
  tag: string;
  ana: { email: string; identityId: string; userId: string; requestId: string };
  ben: { email: string; identityId: string; userId: string };
  missingGroupId: string;
}

let idp: ScimIdp;
let burst: Burst;

async function userIdOf(api: Awaited<ReturnType<typeof apiAs>>, email: string) {
  const res = await api.get(`/api/v2/admin/users?q=${encodeURIComponent(email)}`);
  const body = (await res.json()) as { data: { id: string; attributes: { email: string } }[] };
  const user = body.data.find((u) => u.attributes.email === email);
  expect(user, `user ${email}`).toBeDefined();
  return user!.id;
}

/** The identity provider's burst: what a real sync with a few problems sends. */
async function runBurst(api: Awaited<ReturnType<typeof apiAs>>): Promise<Burst> {
  const tag = randomBytes(3).toString("hex");
  const anaEmail = `ana.${tag}@example.test`;
  const benEmail = `ben.${tag}@example.test`;
  const ana = await idp.createUser(anaEmail);
  const ben = await idp.createUser(benEmail);

  const duplicate = await idp.request("POST", "/Users", { userName: anaEmail, emails: [{ value: anaEmail, primary: true }], active: true });
  expect(duplicate.status).toBe(409);
  expect(duplicate.body).toMatchObject({ scimType: "uniqueness" });

  const malformed = await idp.request("GET", `/Users?filter=${encodeURIComponent("userName eq")}`);
  expect(malformed.status).toBe(400);
  expect(malformed.body).toMatchObject({ scimType: "invalidFilter" });

  expect(await idp.unauthorized("/Users")).toBe(401);

  await idp.setActive(ben.id, false);
  const missingGroupId = randomScimId();
  expect((await idp.request("GET", `/Groups/${missingGroupId}`)).status).toBe(404);
  expect((await idp.request("GET", `/Users/${ana.id}`)).status).toBe(200);

  return {
    tokenId: idp.tokenId,
    tag,
    ana: { email: anaEmail, identityId: ana.id, userId: await userIdOf(api, anaEmail), requestId: ana.requestId ?? "" },
    ben: { email: benEmail, identityId: ben.id, userId: await userIdOf(api, benEmail) },
    missingGroupId,
  };
}

let api: Awaited<ReturnType<typeof apiAs>>;

/** The burst of the current token, sent again when SCIM was reset since the last one. */
async function currentBurst() {
  if (burst?.tokenId !== idp.tokenId) burst = await runBurst(api);
  return burst;
}

test.beforeAll(async ({ playwright }) => {
  api = await apiAs(playwright, bootstrapToken());
  idp = new ScimIdp(api, `e2e activity IdP ${randomBytes(3).toString("hex")}`);
  await idp.withScim(currentBurst);
});

test.afterAll(async () => {
  await api.dispose();
});

const rows = (page: Page) => page.getByRole("table").first().getByRole("row");
const auditRow = (page: Page, action: string) => rows(page).filter({ hasText: action });

test("audit log: filter by actor, action and target, read an event in full, and an empty range", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await idp.withScim(async () => {
    const burst = await currentBurst();
    await page.goto("/app/admin/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Audit log");
    // Everything, newest first: at least the burst's events.
    await expect(rows(page).nth(1)).toBeVisible();

    // Events by the identity provider's token: two creates and a deactivation.
    await page.getByLabel("Actor ID", { exact: true }).fill(burst.tokenId);
    await expect(auditRow(page, "scim-user.create")).toHaveCount(2);
    await expect(auditRow(page, "scim-user.deactivate")).toHaveCount(1);
    const anaCreate = auditRow(page, "scim-user.create").filter({ hasText: burst.ana.email });
    await expect(anaCreate).toHaveCount(1);
    await expect(anaCreate.getByText("SCIM token", { exact: false }).first()).toBeVisible();
    await expect(anaCreate.getByText("Success", { exact: true })).toBeVisible();
    await expect(anaCreate.getByRole("link", { name: burst.ana.email })).toHaveAttribute("href", `/app/admin/users/${burst.ana.userId}`);
    await expect(page).toHaveURL(new RegExp(`actor=${burst.tokenId}`));
    await snap(page, "audit-log-by-actor");

    // The action filter, exact and by prefix.
    const action = page.getByLabel("Action", { exact: true });
    await action.selectOption({ label: "SCIM user deactivated" });
    await expect(rows(page)).toHaveCount(2);
    await expect(auditRow(page, "scim-user.deactivate")).toContainText(burst.ben.email);
    await action.selectOption({ label: "SCIM users: all events" });
    await expect(auditRow(page, "scim-user.")).toHaveCount(3);
    await action.selectOption({ label: "Team created" });
    await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
    await snap(page, "audit-log-no-match");

    // The filters survive a reload (they live in the address).
    await action.selectOption({ label: "SCIM user created" });
    await page.reload();
    await expect(page.getByLabel("Action", { exact: true })).toHaveValue("scim-user.create");
    await expect(page.getByLabel("Actor ID", { exact: true })).toHaveValue(burst.tokenId);
    await expect(auditRow(page, "scim-user.create")).toHaveCount(2);

    // By target: the one SCIM user; its event in full, with the request id the IdP got back.
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page.getByLabel("Actor ID", { exact: true })).toHaveValue("");
    await page.getByLabel("Target ID", { exact: true }).fill(burst.ana.identityId);
    await expect(rows(page)).toHaveCount(2);
    await auditRow(page, "scim-user.create").getByRole("button", { name: /^Details of “SCIM user created”/ }).click();
    const dialog = page.getByRole("dialog", { name: "SCIM user created" });
    await expect(dialog).toContainText(burst.ana.requestId);
    await expect(dialog).toContainText(idp.description);
    const summary = dialog.getByLabel("Event summary", { exact: true });
    await expect(summary).toContainText(`"userName": "${burst.ana.email}"`);
    await expect(summary).toContainText(`"userId": "${burst.ana.userId}"`);
    expect(await summary.textContent()).not.toMatch(/password|secret/i);
    await snap(page, "audit-event-dialog");
    await dialog.getByRole("button", { name: "Events by this actor" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel("Actor ID", { exact: true })).toHaveValue(burst.tokenId);
    await expect(page.getByLabel("Target ID", { exact: true })).toHaveValue(burst.ana.identityId);

    // A time range after the burst has nothing; one around it has the event.
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel("From", { exact: true }).fill(local(new Date(Date.now() + 60 * 60_000)));
    await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
    await page.getByLabel("From", { exact: true }).fill(local(new Date(Date.now() - 60 * 60_000)));
    await page.getByLabel("To", { exact: true }).fill(local(new Date(Date.now() - 2 * 60 * 60_000)));
    await expect(page.getByText("The end of the range is before its start.")).toBeVisible();
    await page.getByLabel("To", { exact: true }).fill(local(new Date(Date.now() + 60 * 60_000)));
    await expect(auditRow(page, "scim-user.create")).toHaveCount(1);
    await snap(page, "audit-log-range");

    // The empty state offers the way out.
    await page.getByLabel("Actor ID", { exact: true }).fill("no-such-actor");
    await page.getByRole("main").getByRole("button", { name: "Clear filters" }).last().click();
    await expect(page.getByLabel("Target ID", { exact: true })).toHaveValue("");
    await expect(rows(page).nth(1)).toBeVisible();
  });
});

test("audit log: find an event by the reference a user was shown (its request id)", async ({ adminPage: page, adminApi }) => {
  // A real event and its request id, as the admin API reports it.
  const email = `${uniqueName("ref")}@example.test`;
  const userId = await createLocalUser(adminApi, email);
  const listed = await adminApi.get(`/api/v2/admin/audit-events?filter[action]=user.create&filter[target]=${userId}`);
  expect(listed.status()).toBe(200);
  const events = ((await listed.json()) as { data: { attributes: { "request-id": string } }[] }).data;
  expect(events).toHaveLength(1);
  const ref = events[0]!.attributes["request-id"];
  expect(ref).toMatch(/^[0-9a-f-]{36}$/);
  // The API filter matches it exactly and refuses what cannot be a reference.
  const byRef = await adminApi.get(`/api/v2/admin/audit-events?filter[request-id]=${ref}`);
  expect(((await byRef.json()) as { data: unknown[] }).data).toHaveLength(1);
  const tooLong = await adminApi.get(`/api/v2/admin/audit-events?filter[request-id]=${"0".repeat(101)}`);
  expect(tooLong.status()).toBe(400);
  expect(await tooLong.json()).toMatchObject({ errors: [{ status: "400", source: { parameter: "filter[request-id]" } }] });

  await page.goto("/app/admin/audit");
  await expect(rows(page).nth(1)).toBeVisible();
  const reference = page.getByLabel("Reference", { exact: true });
  await expect(reference).toHaveAccessibleDescription("The reference shown to a user when sign-in failed, or any request id.");
  await reference.fill(` ${ref} `);
  await expect(page).toHaveURL(new RegExp(`[?&]reference=${ref}(&|$)`));
  await expect(rows(page)).toHaveCount(2);
  await expect(auditRow(page, "user.create")).toContainText(email);
  await snap(page, "audit-log-by-reference");

  // The event shows its reference; the filter survives a reload and "Clear filters" drops it.
  await auditRow(page, "user.create").getByRole("button", { name: /^Details of “User created”/ }).click();
  const dialog = page.getByRole("dialog", { name: "User created" });
  await expect(dialog.getByRole("definition").filter({ hasText: ref })).toBeVisible();
  await expect(dialog.getByRole("term").filter({ hasText: "Reference" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByLabel("Reference", { exact: true })).toHaveValue(ref);
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page.getByLabel("Reference", { exact: true })).toHaveValue("");
  await expect(page).not.toHaveURL(/reference=/);
  await expect(rows(page).nth(2)).toBeVisible();

  // An unknown reference matches nothing.
  await page.getByLabel("Reference", { exact: true }).fill(randomUUID());
  await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
});

test("provisioning activity: the chart has the burst, the table shows its failures and filters by status, resource and token", async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await idp.withScim(async () => {
    const burst = await currentBurst();
    await page.goto("/app/admin/scim/activity");
    await expect(page.getByRole("heading", { name: "Provisioning activity", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Provisioning activity" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "SCIM", exact: true })).not.toHaveAttribute("aria-current", "page");

    // The chart: an svg with bars, and the numbers in words.
    const chart = page.getByRole("figure");
    await expect(chart.locator("svg .recharts-bar-rectangle").first()).toBeVisible();
    await expect(chart.locator("figcaption")).toContainText(/SCIM requests? in the last hour: .* \(2xx\), .* \(4xx\), .* \(5xx\)\./);
    await expect(chart.locator("svg title")).toHaveText("SCIM requests per minute in the last hour, by status class");
    await page.getByText("15 minutes", { exact: true }).click();
    await expect(page.getByRole("radio", { name: "15 minutes" })).toBeChecked();
    await expect(chart.locator("figcaption")).toContainText("in the last 15 minutes");
    await expect(page).toHaveURL(/window=15/);
    await expect(chart.locator("svg .recharts-bar-rectangle").first()).toBeVisible();

    // This IdP's requests, by its token's description.
    await page.getByLabel("Token", { exact: true }).selectOption({ label: idp.description });
    const table = page.getByRole("table", { name: /^SCIM requests in/ });
    await expect(table.getByRole("row")).toHaveCount(1 + 7);
    await snap(page, "activity-by-token");

    const conflict = table.getByRole("row").filter({ hasText: "409 Conflict" });
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText("uniqueness");
    await expect(conflict).toContainText("POST /scim/v2/Users");
    await expect(conflict).toContainText(idp.description);
    // "Entra got 409 on user X": the refused create names the user already holding the userName.
    await expect(conflict.getByRole("link", { name: burst.ana.email })).toHaveAttribute("href", `/app/admin/users/${burst.ana.userId}`);

    // A provisioned user's row links to the user.
    const read = table.getByRole("row").filter({ hasText: `GET /scim/v2/Users/${burst.ana.identityId}` });
    await expect(read.getByText("200 OK")).toBeVisible();
    await expect(read.getByRole("link", { name: burst.ana.email })).toHaveAttribute("href", `/app/admin/users/${burst.ana.userId}`);

    // Failures only.
    await page.getByLabel("Status", { exact: true }).selectOption("4xx");
    await expect(table.getByRole("row")).toHaveCount(1 + 3);
    await expect(table.getByRole("row").filter({ hasText: "400 Bad Request" })).toContainText("invalidFilter");
    await snap(page, "activity-failures");

    // A group row shows the start of the group's id, all of it on hover.
    await page.getByLabel("Resource", { exact: true }).selectOption("Groups");
    const group = table.getByRole("row").filter({ hasText: "404 Not Found" });
    await expect(group).toHaveCount(1);
    await expect(group.getByTitle(burst.missingGroupId, { exact: true })).toHaveText(`${burst.missingGroupId.slice(0, 8)}…`);

    // A bad token is recorded without one.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByLabel("Status", { exact: true }).selectOption("401");
    const unauthorized = table.getByRole("row").filter({ hasText: "401 Unauthorized" }).first();
    await expect(unauthorized).toContainText("No valid token");

    // Nothing matches: the empty state says why.
    await page.getByLabel("Token", { exact: true }).selectOption({ label: idp.description });
    await expect(page.getByRole("heading", { name: "No requests match these filters" })).toBeVisible();
    await snap(page, "activity-no-match");

    // The user link leads to the user.
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.getByLabel("Token", { exact: true }).selectOption({ label: idp.description });
    await table.getByRole("row").filter({ hasText: `GET /scim/v2/Users/${burst.ana.identityId}` }).getByRole("link", { name: burst.ana.email }).click();
    await expect(page.getByRole("heading", { name: burst.ana.email, level: 1 })).toBeVisible();
  });
});
