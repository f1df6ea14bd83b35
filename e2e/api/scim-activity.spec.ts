// The audit log, provisioning activity and users admin endpoints over HTTP (SPEC §5, §9), after a
// scripted burst of SCIM requests with failures.
import type { APIRequestContext } from "@playwright/test";
import { apiAs, createAccount, expect, test, uniqueName } from "../fixtures";
import { E2E_BASE_URL } from "../env";
import { selfSignedCertificate } from "../../tests/certificates";

test.describe.configure({ mode: "serial" });

type Json = Record<string, unknown>;
type Res = { id: string; attributes: Json };
type ListDoc = { data: Res[]; meta: { pagination: Json; series?: Json[] } };
let token = "";
let tokenId = "";
let started = "";
const burst: { status: number; requestId: string | null; scimId?: string }[] = [];

async function scim(method: string, path: string, body?: Json, auth = `Bearer ${token}`) {
  const res = await fetch(`${E2E_BASE_URL}/scim/v2${path}`, {
    method,
    headers: { Authorization: auth, ...(body ? { "Content-Type": "application/scim+json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const out = { status: res.status, requestId: res.headers.get("x-request-id"), body: (text ? JSON.parse(text) : null) as Json };
  burst.push({ status: out.status, requestId: out.requestId, scimId: out.status === 201 ? (out.body.id as string) : undefined });
  return out;
}
const list = async (api: APIRequestContext, path: string) => {
  const res = await api.get(path);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as ListDoc;
};

test.beforeAll(async ({ playwright }) => {
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  const certificate = selfSignedCertificate();
  await api.patch("/api/v2/admin/saml-settings", {
    data: { data: { type: "saml-settings", attributes: { enabled: true, "provider-type": "entra", "idp-entity-id": "https://sts.example.test/", "sso-url": "https://login.example.test/saml2", certificate } } },
  });
  await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } });
  const created = await api.post("/api/v2/admin/scim-tokens", { data: { data: { type: "authentication-tokens", attributes: { description: "activity e2e" } } } });
  const doc = (await created.json()) as { data: { id: string; attributes: { token: string } } };
  token = doc.data.attributes.token;
  tokenId = doc.data.id;
  await api.dispose();
  started = new Date(Date.now() - 1000).toISOString();
  // The burst: creates, a duplicate (409), a bad filter (400), a bad token (401), a deactivation.
  const email = `${uniqueName("burst")}@example.test`;
  const user = { userName: email, emails: [{ value: email, primary: true }], active: true };
  const first = await scim("POST", "/Users", user);
  await scim("POST", "/Users", user);
  await scim("GET", `/Users?filter=${encodeURIComponent(`userName sw "${email}"`)}`);
  await scim("GET", "/Users", undefined, "Bearer roster_scim_not-a-real-token");
  await scim("PATCH", `/Users/${first.body.id as string}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] });
  // Activity rows are written within a second.
  await new Promise((r) => setTimeout(r, 1500));
});

test("GET /admin/scim-activity lists every request of the burst, filters them and counts them per minute", async ({ adminApi }) => {
  const since = `filter[since]=${encodeURIComponent(started)}`;
  const all = await list(adminApi, `/api/v2/admin/scim-activity?${since}&page[size]=100`);
  const byRequest = new Map(all.data.map((r) => [r.attributes["request-id"], r.attributes]));
  for (const b of burst) expect(byRequest.get(b.requestId), `request ${b.requestId}`).toMatchObject({ status: b.status });
  const created = byRequest.get(burst[0]!.requestId)!;
  expect(created).toMatchObject({ method: "POST", path: "/scim/v2/Users", "token-id": tokenId, "resource-type": "User", "resource-id": burst[0]!.scimId });
  const patched = byRequest.get(burst[4]!.requestId)!;
  expect(patched).toMatchObject({ method: "PATCH", "resource-type": "User", "resource-id": burst[0]!.scimId, "user-id": expect.stringMatching(/^user-/) });
  expect(byRequest.get(burst[1]!.requestId)).toMatchObject({ status: 409, "scim-type": "uniqueness" });
  expect(byRequest.get(burst[3]!.requestId)).toMatchObject({ status: 401, "token-id": null });
  // Filter values never reach the stored path.
  expect(JSON.stringify(all.data)).not.toContain("burst-");

  const failures = await list(adminApi, `/api/v2/admin/scim-activity?${since}&filter[status]=4xx`);
  expect(failures.data.map((r) => r.attributes.status).sort()).toEqual(expect.arrayContaining([400, 401, 409]));
  expect(failures.data.every((r) => (r.attributes.status as number) >= 400 && (r.attributes.status as number) < 500)).toBe(true);
  const posts = await list(adminApi, `/api/v2/admin/scim-activity?${since}&filter[method]=post&filter[resource]=Users&filter[token]=${tokenId}`);
  expect(posts.data.map((r) => r.attributes.status).sort()).toEqual([201, 409]);
  const series = all.meta.series!;
  expect(series.length).toBeGreaterThanOrEqual(1);
  const totals = series.reduce<Record<string, number>>((acc, p) => ({ "2xx": acc["2xx"]! + (p["2xx"] as number), "4xx": acc["4xx"]! + (p["4xx"] as number), "5xx": acc["5xx"]! + (p["5xx"] as number) }), { "2xx": 0, "4xx": 0, "5xx": 0 });
  expect(totals["2xx"]).toBeGreaterThanOrEqual(2);
  expect(totals["4xx"]).toBeGreaterThanOrEqual(3);
  expect(series[0]).toMatchObject({ minute: expect.stringMatching(/:00\.000Z$/) });

  const bad = await adminApi.get("/api/v2/admin/scim-activity?filter[status]=teapot");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { errors: { source: Json }[] }).errors[0]!.source).toEqual({ parameter: "filter[status]" });
});

test("GET /admin/audit-events finds the burst's changes by action, target and time, newest first", async ({ adminApi, playwright }) => {
  const since = `filter[since]=${encodeURIComponent(started)}`;
  const created = await list(adminApi, `/api/v2/admin/audit-events?${since}&filter[action]=scim-user.create`);
  const event = created.data.find((e) => (e.attributes.target as Json).id === burst[0]!.scimId)!;
  expect(event.attributes).toMatchObject({
    action: "scim-user.create",
    actor: { type: "scim-token", id: tokenId },
    target: { type: "scim-user", id: burst[0]!.scimId },
    outcome: "success",
    "request-id": burst[0]!.requestId,
    timestamp: expect.any(String),
  });
  const about = await list(adminApi, `/api/v2/admin/audit-events?filter[target]=${burst[0]!.scimId}`);
  expect(about.data.map((e) => e.attributes.action)).toEqual(["scim-user.deactivate", "scim-user.create"]);
  const prefixed = await list(adminApi, `/api/v2/admin/audit-events?${since}&filter[action]=scim-user.&page[size]=1`);
  expect(prefixed.data).toHaveLength(1);
  expect(prefixed.meta.pagination["total-count"]).toBeGreaterThanOrEqual(2);
  const future = await list(adminApi, `/api/v2/admin/audit-events?filter[since]=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
  expect(future.data).toEqual([]);
  const member = await apiAs(playwright, (await createAccount(playwright, { admin: false })).token);
  expect((await member.get("/api/v2/admin/audit-events")).status()).toBe(404);
  expect((await member.get("/api/v2/admin/scim-activity")).status()).toBe(404);
  await member.dispose();
});

test("users: filters, detail with memberships, and admin actions (422 for SCIM-managed users)", async ({ adminApi, playwright }) => {
  const managed = await list(adminApi, `/api/v2/admin/users?filter[scim-managed]=true&page[size]=100`);
  const scimUser = managed.data.find((u) => (u.attributes["scim-username"] as string).startsWith("burst-"))!;
  expect(scimUser.attributes).toMatchObject({ "is-scim-managed": true, "is-suspended": true });
  expect((await list(adminApi, `/api/v2/admin/users?filter[scim-managed]=true&filter[status]=active&q=${scimUser.attributes.email as string}`)).data).toEqual([]);
  for (const path of [`/api/v2/admin/users/${scimUser.id}/actions/unsuspend`, `/api/v2/admin/users/${scimUser.id}/actions/suspend`]) {
    const r = await adminApi.post(path);
    expect(r.status()).toBe(422);
    expect(((await r.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toMatch(/managed by your identity provider/);
  }
  expect((await adminApi.delete(`/api/v2/admin/users/${scimUser.id}`)).status()).toBe(422);

  const local = await createAccount(playwright, { admin: false });
  const detail = await adminApi.get(`/api/v2/admin/users/${local.id}`);
  expect(((await detail.json()) as { data: Res }).data.attributes).toMatchObject({ email: local.email, organizations: [], teams: [] });
  const grant = (value: unknown) => adminApi.patch(`/api/v2/admin/users/${local.id}`, { data: { data: { type: "users", attributes: { "is-site-admin": value } } } });
  const before = (await list(adminApi, "/api/v2/admin/users")).meta as unknown as { "non-sso-site-admin-count": number };
  const granted = await grant(true);
  expect(((await granted.json()) as { data: Res }).data.attributes).toMatchObject({ "is-site-admin": true, "site-admin-source": "manual" });
  const after = (await list(adminApi, "/api/v2/admin/users")).meta as unknown as { "non-sso-site-admin-count": number };
  // Other specs create site admins in parallel, so only a lower bound holds here; the exact count
  // is tested in Vitest (recoveryAdminCount).
  expect(after["non-sso-site-admin-count"]).toBeGreaterThanOrEqual(before["non-sso-site-admin-count"] + 1);
  expect((await grant("yes")).status()).toBe(422);
  expect(((await (await grant(false)).json()) as { data: Res }).data.attributes["is-site-admin"]).toBe(false);
  const suspended = await adminApi.post(`/api/v2/admin/users/${local.id}/actions/suspend`);
  expect(suspended.status()).toBe(200);
  expect(((await suspended.json()) as { data: Res }).data.attributes["is-suspended"]).toBe(true);
  // A suspended user's token stops working at once.
  const theirs = await apiAs(playwright, local.token);
  expect((await theirs.get("/api/v2/account/details")).status()).toBe(401);
  await theirs.dispose();
  expect((await adminApi.post(`/api/v2/admin/users/${local.id}/actions/unsuspend`)).status()).toBe(200);
  expect((await adminApi.post(`/api/v2/admin/users/${local.id}/actions/explode`)).status()).toBe(404);
  expect((await adminApi.delete(`/api/v2/admin/users/${local.id}`)).status()).toBe(204);
  expect((await adminApi.get(`/api/v2/admin/users/${local.id}`)).status()).toBe(404);
  const events = await list(adminApi, `/api/v2/admin/audit-events?filter[target]=${local.id}`);
  expect(events.data.map((e) => e.attributes.action)).toEqual(["user.delete", "user.unsuspend", "user.suspend", "site-admin.revoke", "site-admin.grant", "session.sign-in", "user.create"]);
  expect((await adminApi.get("/api/v2/admin/users?filter[status]=gone")).status()).toBe(400);
});
