// Site Admin › SCIM over HTTP: SAML settings, the SCIM state machine, SCIM tokens and the gate of
// /scim/v2. The settings are site-wide, so this file runs serially in its own project.
import type { APIRequestContext } from "@playwright/test";
import { apiAs, createAccount, expect, test } from "../fixtures";
import { E2E_BASE_URL, JSONAPI } from "../env";
import { selfSignedCertificate } from "../../tests/certificates";

test.describe.configure({ mode: "serial" });

type Doc = { data: { id: string; type: string; attributes: Record<string, unknown> } };
type Errors = { errors: { status: string; detail: string; source?: { pointer?: string } }[] };

const SCIM = "application/scim+json";
const certificate = selfSignedCertificate({ cn: "e2e-idp.example.com" });
const samlOn = { enabled: true, "provider-type": "entra", "idp-entity-id": "https://sts.windows.net/e2e/", "sso-url": "https://login.example.com/e2e/saml2", certificate };

const settings = (api: APIRequestContext, attributes: Record<string, unknown>) =>
  api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes } } });
const saml = (api: APIRequestContext, attributes: Record<string, unknown>) =>
  api.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes } } });
const createToken = (api: APIRequestContext, attributes: Record<string, unknown> = {}) =>
  api.post("/api/v2/admin/scim-tokens", { data: { data: { type: "authentication-tokens", attributes } } });

async function expectError(res: import("@playwright/test").APIResponse, status: number, detail?: RegExp, pointer?: string) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toBe(JSONAPI);
  const body = (await res.json()) as Errors;
  expect(body.errors[0]!.status).toBe(String(status));
  if (detail) expect(body.errors[0]!.detail).toMatch(detail);
  if (pointer) expect(body.errors[0]!.source?.pointer).toBe(pointer);
}

async function scimGet(path: string, token?: string) {
  const res = await fetch(`${E2E_BASE_URL}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

test.beforeAll(async ({ playwright }) => {
  // Start from the default state whatever ran before.
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  expect((await api.delete("/api/v2/admin/scim-settings")).status()).toBe(200);
  expect((await saml(api, { enabled: false })).status()).toBe(200);
  await api.dispose();
});

test("only site admins reach these endpoints", async ({ playwright }) => {
  const user = await createAccount(playwright, { admin: false });
  const api = await apiAs(playwright, user.token);
  const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  for (const path of ["/api/v2/admin/scim-settings", "/api/v2/admin/scim-tokens", "/api/v2/admin/scim-tokens/at-x", "/api/v2/admin/saml-settings"]) {
    expect((await api.get(path)).status(), path).toBe(404);
    const res = await anon.get(path);
    expect(res.status(), path).toBe(401);
    expect(res.headers()["www-authenticate"]).toMatch(/^Bearer/);
  }
  expect((await api.delete("/api/v2/admin/scim-settings")).status()).toBe(404);
  expect((await settings(api, { enabled: true })).status()).toBe(404);
  await Promise.all([api.dispose(), anon.dispose()]);
});

test("SAML settings: validation with pointers, enabling needs every field", async ({ adminApi }) => {
  const initial = (await (await adminApi.get("/api/v2/admin/saml-settings")).json()) as Doc;
  expect(initial.data).toMatchObject({ id: "saml", type: "saml-settings", attributes: { enabled: false } });
  await expectError(await saml(adminApi, { "sso-url": "http://insecure.example.com" }), 422, /https/, "/data/attributes/sso-url");
  await expectError(await saml(adminApi, { certificate: "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----" }), 422, undefined, "/data/attributes/certificate");
  await expectError(await saml(adminApi, { "provider-type": "adfs" }), 422, undefined, "/data/attributes/provider-type");
  await expectError(await saml(adminApi, { enabled: "yes" }), 422, undefined, "/data/attributes/enabled");
  await expectError(await saml(adminApi, { enabled: true }), 422, /required to enable/);
  const res = await saml(adminApi, samlOn);
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as Doc;
  expect(doc.data.attributes).toMatchObject({
    enabled: true,
    "provider-type": "entra",
    "certificate-subject": "CN=e2e-idp.example.com",
    "idp-initiated-enabled": false,
  });
  expect(new Date(doc.data.attributes["certificate-expires-at"] as string).getTime()).toBeGreaterThan(Date.now());
  expect((await saml(adminApi, { enabled: false })).status()).toBe(200);
});

test("SCIM state machine over HTTP", async ({ adminApi }) => {
  const initial = await adminApi.get("/api/v2/admin/scim-settings");
  expect(initial.headers()["x-request-id"]).toBeTruthy();
  expect(((await initial.json()) as Doc).data).toEqual({
    id: "scim",
    type: "scim-settings",
    attributes: {
      enabled: false,
      paused: false,
      "site-admin-group-scim-id": null,
      "site-admin-group-display-name": null,
      "scim-base-url": `${E2E_BASE_URL}/scim/v2`,
    },
  });
  await expectError(await settings(adminApi, { enabled: true }), 422, /SAML single sign-on must be configured and enabled/);
  await expectError(await settings(adminApi, { paused: true }), 422, /disabled/, "/data/attributes/paused");
  expect((await saml(adminApi, samlOn)).status()).toBe(200);

  const enabled = await settings(adminApi, { enabled: true });
  expect(enabled.status()).toBe(200);
  expect(((await enabled.json()) as Doc).data.attributes).toMatchObject({ enabled: true, paused: false });
  await expectError(await settings(adminApi, { enabled: false }), 422, /DELETE/);
  await expectError(await settings(adminApi, { paused: "yes" }), 422, /boolean/, "/data/attributes/paused");
  await expectError(await settings(adminApi, { "site-admin-group-scim-id": "3f1c0d38-5b4e-4a59-9d6f-0e3f5b7c2a11" }), 422, /SCIM group/);
  await expectError(await saml(adminApi, { enabled: false }), 422, /^Disable SCIM provisioning first/);
  const malformed = await adminApi.patch("/api/v2/admin/scim-settings", { data: "{" });
  expect(malformed.status()).toBe(400);
  const wrongType = await adminApi.patch("/api/v2/admin/scim-settings", { data: { data: { type: "teams", attributes: {} } } });
  expect(wrongType.status()).toBe(409);

  expect(((await (await settings(adminApi, { paused: true })).json()) as Doc).data.attributes).toMatchObject({ enabled: true, paused: true });
  expect(((await (await settings(adminApi, { paused: false })).json()) as Doc).data.attributes).toMatchObject({ enabled: true, paused: false });
});

test("SCIM tokens: create once, list without secret, use, revoke, limits", async ({ adminApi, admin }) => {
  await expectError(await createToken(adminApi, { "expired-at": new Date(Date.now() + 20 * 86_400_000).toISOString() }), 422, /29 and 365/, "/data/attributes/expired-at");
  await expectError(await createToken(adminApi, { "expired-at": new Date(Date.now() + 400 * 86_400_000).toISOString() }), 422, /29 and 365/);
  await expectError(await createToken(adminApi, { "expired-at": "tomorrow" }), 422, /ISO-8601/);
  const wrongType = await adminApi.post("/api/v2/admin/scim-tokens", { data: { data: { type: "scim-tokens", attributes: {} } } });
  expect(wrongType.status()).toBe(409);

  const created = await createToken(adminApi, { description: "Entra ID" });
  expect(created.status()).toBe(201);
  expect(created.headers()["cache-control"]).toBe("no-store");
  const doc = (await created.json()) as Doc;
  const secret = doc.data.attributes.token as string;
  expect(doc.data).toMatchObject({ type: "authentication-tokens", attributes: { description: "Entra ID", "last-used-at": null } });
  expect(secret).toMatch(/^roster_scim_/);
  const days = (new Date(doc.data.attributes["expired-at"] as string).getTime() - Date.now()) / 86_400_000;
  expect(Math.round(days)).toBe(365);

  const list = (await (await adminApi.get("/api/v2/admin/scim-tokens")).json()) as { data: Doc["data"][] };
  expect(list.data.map((t) => t.id)).toContain(doc.data.id);
  expect(JSON.stringify(list)).not.toContain(secret);
  expect(list.data.every((t) => t.attributes.token === null)).toBe(true);
  const one = (await (await adminApi.get(`/api/v2/admin/scim-tokens/${doc.data.id}`)).json()) as Doc;
  expect(one.data.attributes.token).toBeNull();
  expect((await adminApi.get("/api/v2/admin/scim-tokens/at-doesnotexist0000")).status()).toBe(404);

  // The token works on /scim/v2 discovery, case-insensitively and with a trailing slash.
  for (const path of ["/scim/v2/ServiceProviderConfig", "/scim/v2/serviceproviderconfig", "/scim/v2/ServiceProviderConfig/"]) {
    const r = await scimGet(path, secret);
    expect(r.status, path).toBe(200);
    expect(r.headers.get("content-type")).toBe(SCIM);
    expect(r.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
    });
  }
  // Last use is recorded off the request path.
  await expect.poll(async () => ((await (await adminApi.get(`/api/v2/admin/scim-tokens/${doc.data.id}`)).json()) as Doc).data.attributes["last-used-at"]).not.toBeNull();

  // A user API token is not a SCIM token; nor is a token in the query string.
  for (const [path, token] of [["/scim/v2/ServiceProviderConfig", admin.token], [`/scim/v2/ServiceProviderConfig?access_token=${secret}`, undefined], ["/scim/v2/ServiceProviderConfig", undefined]] as const) {
    const r = await scimGet(path, token);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(r.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
  }

  // Paused: discovery still answers.
  expect((await settings(adminApi, { paused: true })).status()).toBe(200);
  expect((await scimGet("/scim/v2/ServiceProviderConfig", secret)).status).toBe(200);
  expect((await settings(adminApi, { paused: false })).status()).toBe(200);

  // Revocation is effective on the very next request; the other token keeps working.
  const second = ((await (await createToken(adminApi, { description: "rotation" })).json()) as Doc).data;
  expect((await adminApi.delete(`/api/v2/admin/scim-tokens/${doc.data.id}`)).status()).toBe(204);
  expect((await scimGet("/scim/v2/ServiceProviderConfig", secret)).status).toBe(401);
  expect((await scimGet("/scim/v2/ServiceProviderConfig", second.attributes.token as string)).status).toBe(200);
  expect((await adminApi.delete(`/api/v2/admin/scim-tokens/${doc.data.id}`)).status()).toBe(404);
  // The TFE client path revokes SCIM tokens too.
  expect((await adminApi.delete(`/api/v2/authentication-tokens/${second.id}`)).status()).toBe(204);
  expect((await scimGet("/scim/v2/ServiceProviderConfig", second.attributes.token as string)).status).toBe(401);
});

test("a SCIM token gets 401 on the admin API; unknown SCIM paths answer SCIM errors", async ({ adminApi, playwright }) => {
  const secret = ((await (await createToken(adminApi)).json()) as Doc).data.attributes.token as string;
  const scimCaller = await apiAs(playwright, secret);
  const res = await scimCaller.get("/api/v2/admin/scim-settings");
  expect(res.status()).toBe(401);
  await scimCaller.dispose();
  const unknown = await scimGet("/scim/v2/Nope", secret);
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
  const post = await fetch(`${E2E_BASE_URL}/scim/v2/ServiceProviderConfig`, { method: "POST", headers: { Authorization: `Bearer ${secret}` } });
  expect(post.status).toBe(405);
  expect(post.headers.get("content-type")).toBe(SCIM);
});

test("token creation while disabled, and disable revokes every token (idempotently)", async ({ adminApi }) => {
  const secret = ((await (await createToken(adminApi)).json()) as Doc).data.attributes.token as string;
  const disabled = await adminApi.delete("/api/v2/admin/scim-settings");
  expect(disabled.status()).toBe(200);
  expect(((await disabled.json()) as Doc).data.attributes).toMatchObject({ enabled: false, paused: false, "site-admin-group-scim-id": null });
  expect((await scimGet("/scim/v2/ServiceProviderConfig", secret)).status).toBe(401);
  expect(((await (await adminApi.get("/api/v2/admin/scim-tokens")).json()) as { data: unknown[] }).data).toEqual([]);
  const again = await adminApi.delete("/api/v2/admin/scim-settings");
  expect(again.status()).toBe(200);
  await expectError(await createToken(adminApi), 422, /Enable SCIM provisioning first/);
  // Re-enabling brings no old token back.
  expect((await settings(adminApi, { enabled: true })).status()).toBe(200);
  expect((await scimGet("/scim/v2/ServiceProviderConfig", secret)).status).toBe(401);
});

test("20 requests per second per site admin, then 429 with Retry-After", async ({ adminApi, playwright }) => {
  const responses = await Promise.all(Array.from({ length: 80 }, () => adminApi.get("/api/v2/admin/scim-settings")));
  const limited = responses.filter((r) => r.status() === 429);
  expect(limited.length).toBeGreaterThan(0);
  expect(responses.every((r) => r.status() === 200 || r.status() === 429)).toBe(true);
  for (const r of limited) {
    expect(r.headers()["retry-after"]).toMatch(/^[1-9]\d*$/);
    expect(((await r.json()) as Errors).errors[0]!.status).toBe("429");
  }
  // Another admin has a budget of their own.
  const other = await createAccount(playwright, { admin: true });
  const otherApi = await apiAs(playwright, other.token);
  expect((await otherApi.get("/api/v2/admin/scim-settings")).status()).toBe(200);
  await otherApi.dispose();
});

test.afterAll(async ({ playwright }) => {
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  await api.delete("/api/v2/admin/scim-settings");
  await saml(api, { enabled: false });
  await api.dispose();
});
