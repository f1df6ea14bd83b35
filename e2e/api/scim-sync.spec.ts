// Site-admin IdP group and team sync over HTTP (SPEC §5 mapping rows, §6, §7): every status and
// detail of the mapping endpoints, the scim-groups list, and propagation of SCIM requests.
import type { APIRequestContext } from "@playwright/test";
import { apiAs, createAccount, expect, test, uniqueName } from "../fixtures";
import { E2E_BASE_URL } from "../env";
import { selfSignedCertificate } from "../../tests/certificates";

test.describe.configure({ mode: "serial" });

type Json = Record<string, unknown>;
type Doc = { data: { id: string; attributes: Json; relationships?: { users: { data: { id: string }[] } } } };
type ListDoc = { data: { id: string; attributes: Json }[]; meta: { pagination: Json } };
let token = "";

async function scim(method: string, path: string, body?: Json) {
  const res = await fetch(`${E2E_BASE_URL}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/scim+json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

async function scimUser(tag = uniqueName("p")) {
  const email = `${tag}@example.test`;
  const r = await scim("POST", "/Users", { userName: email, emails: [{ value: email, primary: true }], active: true });
  expect(r.status).toBe(201);
  return r.body.id as string;
}
async function scimGroup(members: string[] = [], name = uniqueName("Engineers")) {
  const r = await scim("POST", "/Groups", { displayName: name, members: members.map((value) => ({ value })) });
  expect(r.status).toBe(201);
  return r.body.id as string;
}
const patchMembers = (groupId: string, op: "add" | "remove", ids: string[]) =>
  scim("PATCH", `/Groups/${groupId}`, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [op === "add" ? { op: "add", path: "members", value: ids.map((value) => ({ value })) } : { op: "remove", path: `members[value eq "${ids[0]}"]` }],
  });
const setActive = (id: string, active: boolean) =>
  scim("PATCH", `/Users/${id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: active }] });

/** The Roster user id behind a SCIM user, via the admin users list (`q` on the SCIM userName). */
async function rosterUser(api: APIRequestContext, scimId: string) {
  const r = await scim("GET", `/Users/${scimId}`);
  const list = (await (await api.get(`/api/v2/admin/users?q=${encodeURIComponent(r.body.userName as string)}`)).json()) as ListDoc;
  expect(list.data).toHaveLength(1);
  return list.data[0]!;
}

async function newTeam(api: APIRequestContext) {
  const org = uniqueName("org");
  expect((await api.post("/api/v2/organizations", { data: { data: { type: "organizations", attributes: { name: org, email: `${org}@example.test` } } } })).status()).toBe(201);
  const created = await api.post(`/api/v2/organizations/${org}/teams`, { data: { data: { type: "teams", attributes: { name: uniqueName("team") } } } });
  expect(created.status()).toBe(201);
  return { org, teamId: ((await created.json()) as Doc).data.id };
}
const link = (api: APIRequestContext, teamId: string, groupId: string, type = "scim-group-mapping") =>
  api.post(`/api/v2/admin/teams/${teamId}/scim-group-mapping`, { data: { data: { type, attributes: { "scim-group-id": groupId } } } });
const pause = (api: APIRequestContext, teamId: string, paused: unknown) =>
  api.patch(`/api/v2/admin/teams/${teamId}/scim-group-mapping`, { data: { data: { type: "scim-group-mapping", attributes: { "scim-sync-paused": paused } } } });
const teamDoc = async (api: APIRequestContext, teamId: string) => (await (await api.get(`/api/v2/teams/${teamId}`)).json()) as Doc;
const teamUserIds = async (api: APIRequestContext, teamId: string) => ((await teamDoc(api, teamId)).data.relationships?.users.data ?? []).map((u) => u.id).sort();

async function expectError(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, detail?: RegExp | string) {
  expect(res.status(), await res.text()).toBe(status);
  const body = (await res.json()) as { errors: { status: string; detail: string }[] };
  expect(body.errors[0]!.status).toBe(String(status));
  if (detail) expect(body.errors[0]!.detail).toMatch(detail);
}

test.beforeAll(async ({ playwright }) => {
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  await api.delete("/api/v2/admin/scim-settings");
  const certificate = selfSignedCertificate();
  await api.patch("/api/v2/admin/saml-settings", {
    data: { data: { type: "saml-settings", attributes: { enabled: true, "provider-type": "okta", "idp-entity-id": "https://idp.example.test", "sso-url": "https://idp.example.test/sso", certificate } } },
  });
  expect((await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } })).status()).toBe(200);
  const created = await api.post("/api/v2/admin/scim-tokens", { data: { data: { type: "authentication-tokens", attributes: { description: "sync e2e" } } } });
  token = ((await created.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
  await api.dispose();
});

test("the site-admin IdP group grants and revokes through SCIM requests", async ({ playwright }) => {
  const api = await apiAs(playwright, (await createAccount(playwright, { admin: true })).token);
  const [a, b] = [await scimUser(), await scimUser()];
  const g = await scimGroup([a]);
  const set = (id: string | null) => api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { "site-admin-group-scim-id": id } } } });
  const mapped = await set(g);
  expect(mapped.status()).toBe(200);
  expect(((await mapped.json()) as Doc).data.attributes).toMatchObject({ "site-admin-group-scim-id": g, "site-admin-group-display-name": expect.any(String) });
  expect((await rosterUser(api, a)).attributes).toMatchObject({ "is-site-admin": true, "site-admin-source": "scim", "is-scim-managed": true });
  expect((await rosterUser(api, b)).attributes).toMatchObject({ "is-site-admin": false });
  expect((await patchMembers(g, "add", [b])).status).toBe(204);
  expect((await rosterUser(api, b)).attributes["is-site-admin"]).toBe(true);
  expect((await setActive(a, false)).status).toBe(200);
  expect((await rosterUser(api, a)).attributes["is-site-admin"]).toBe(false);
  expect((await patchMembers(g, "remove", [b])).status).toBe(204);
  expect((await rosterUser(api, b)).attributes["is-site-admin"]).toBe(false);
  await expectError(await set("00000000-0000-4000-8000-000000000000"), 422);
  await expectError(await set("nope"), 422);
  expect((await patchMembers(g, "add", [b])).status).toBe(204);
  const cleared = await set(null);
  expect(((await cleared.json()) as Doc).data.attributes["site-admin-group-scim-id"]).toBeNull();
  // Clearing revokes nothing.
  expect((await rosterUser(api, b)).attributes["is-site-admin"]).toBe(true);
  await api.dispose();
});

test("team mapping: link, pause, resume and unlink with every status and detail", async ({ playwright }) => {
  const api = await apiAs(playwright, (await createAccount(playwright, { admin: true })).token);
  const [a, b] = [await scimUser(), await scimUser()];
  const g = await scimGroup([a, b]);
  expect((await setActive(b, false)).status).toBe(200);
  const { org, teamId } = await newTeam(api);
  const aUser = (await rosterUser(api, a)).id;

  expect((await link(api, teamId, g, "scim-group-mappings")).status()).toBe(204);
  const doc = await teamDoc(api, teamId);
  expect(doc.data.attributes).toMatchObject({ "scim-linked": true, "scim-group-id": g, "scim-sync-paused": false, "scim-updated-at": expect.any(String) });
  expect(doc.data.attributes["scim-group-name"]).toMatch(/^Engineers-/);
  expect(await teamUserIds(api, teamId)).toEqual([aUser]);
  await expectError(await link(api, teamId, g), 409, "Team is already linked to a SCIM group");
  await expectError(await link(api, "team-doesnotexist", g), 404);
  await expectError(await link(api, teamId, "00000000-0000-4000-8000-000000000000"), 404);
  const wrongType = await api.post(`/api/v2/admin/teams/${teamId}/scim-group-mapping`, { data: { data: { type: "teams", attributes: { "scim-group-id": g } } } });
  expect(wrongType.status()).toBe(409);

  // Linked teams refuse manual membership, rename and delete.
  await expectError(await api.post(`/api/v2/teams/${teamId}/relationships/users`, { data: { data: [{ type: "users", id: aUser }] } }), 403);
  await expectError(await api.patch(`/api/v2/teams/${teamId}`, { data: { data: { type: "teams", attributes: { name: "renamed" } } } }), 422);
  await expectError(await api.delete(`/api/v2/teams/${teamId}`), 404);

  await expectError(await pause(api, teamId, "yes"), 422);
  expect((await pause(api, teamId, true)).status()).toBe(204);
  expect((await teamDoc(api, teamId)).data.attributes["scim-sync-paused"]).toBe(true);
  expect((await setActive(b, true)).status).toBe(200);
  expect(await teamUserIds(api, teamId)).toEqual([aUser]);
  expect((await pause(api, teamId, false)).status()).toBe(204);
  const bUser = (await rosterUser(api, b)).id;
  expect(await teamUserIds(api, teamId)).toEqual([aUser, bUser].sort());

  expect((await api.delete(`/api/v2/admin/teams/${teamId}/scim-group-mapping`)).status()).toBe(204);
  expect(await teamUserIds(api, teamId)).toEqual([aUser, bUser].sort());
  await expectError(await api.delete(`/api/v2/admin/teams/${teamId}/scim-group-mapping`), 409, "Team is not linked to a SCIM group");

  // The owners team and the site-admin group cannot be linked (422). (Another admin: the ten
  // requests above used this one's budget of 10 a minute.)
  const api2 = await apiAs(playwright, (await createAccount(playwright, { admin: true })).token);
  const teams = (await (await api2.get(`/api/v2/organizations/${org}/teams`)).json()) as ListDoc;
  const owners = teams.data.find((t) => t.attributes["is-owners"])!.id;
  await expectError(await link(api2, owners, g), 422, /owners/);
  await api2.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { "site-admin-group-scim-id": g } } } });
  await expectError(await link(api2, teamId, g), 422, /site admin group/);
  await api2.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { "site-admin-group-scim-id": null } } } });
  await api2.dispose();
  await api.dispose();
});

test("SCIM requests propagate to linked teams in the same request", async ({ playwright }) => {
  const api = await apiAs(playwright, (await createAccount(playwright, { admin: true })).token);
  const [a, b, c] = [await scimUser(), await scimUser(), await scimUser()];
  const g = await scimGroup([a]);
  const { teamId } = await newTeam(api);
  expect((await link(api, teamId, g)).status()).toBe(204);
  const ids = { a: (await rosterUser(api, a)).id, b: (await rosterUser(api, b)).id, c: (await rosterUser(api, c)).id };
  expect((await patchMembers(g, "add", [b, c])).status).toBe(204);
  expect(await teamUserIds(api, teamId)).toEqual([ids.a, ids.b, ids.c].sort());
  expect((await patchMembers(g, "remove", [c])).status).toBe(204);
  expect((await setActive(a, false)).status).toBe(200);
  expect(await teamUserIds(api, teamId)).toEqual([ids.b]);
  expect((await setActive(a, true)).status).toBe(200);
  expect((await scim("DELETE", `/Users/${b}`)).status).toBe(204);
  expect(await teamUserIds(api, teamId)).toEqual([ids.a]);
  // Deleting the group unlinks the team, which keeps its members.
  expect((await scim("DELETE", `/Groups/${g}`)).status).toBe(204);
  expect((await teamDoc(api, teamId)).data.attributes).toMatchObject({ "scim-linked": false });
  expect(await teamUserIds(api, teamId)).toEqual([ids.a]);
  await api.dispose();
});

test("GET /admin/scim-groups lists groups by name with counts, links and the site-admin marker", async ({ playwright }) => {
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  const tag = uniqueName("Zed");
  const a = await scimUser();
  const g1 = await scimGroup([a], `${tag} Beta`);
  const g2 = await scimGroup([], `${tag} alpha`);
  const { teamId } = await newTeam(api);
  expect((await link(api, teamId, g1)).status()).toBe(204);
  const list = (await (await api.get(`/api/v2/admin/scim-groups?q=${encodeURIComponent(tag.toUpperCase())}&page[size]=1`)).json()) as ListDoc;
  expect(list.data.map((d) => d.id)).toEqual([g2]);
  expect(list.meta.pagination).toMatchObject({ "total-count": 2, "page-size": 1 });
  const page2 = (await (await api.get(`/api/v2/admin/scim-groups?q=${encodeURIComponent(tag)}&page[number]=2&page[size]=1`)).json()) as ListDoc;
  expect(page2.data[0]).toMatchObject({
    id: g1,
    attributes: { name: `${tag} Beta`, "member-count": 1, "linked-team-count": 1, "is-site-admin-group": false, "linked-teams": [{ id: teamId }] },
  });
  // A page past any store's size is empty (the offset stays in PostgreSQL's range: was a 500).
  for (const path of ["scim-groups", "users", "audit-events", "scim-activity"]) {
    const far = await api.get(`/api/v2/admin/${path}?page[number]=9223372036854775807&page[size]=100`);
    expect(far.status(), path).toBe(200);
    expect(((await far.json()) as ListDoc).data, path).toEqual([]);
  }
  const one = (await (await api.get(`/api/v2/admin/scim-groups/${g1}`)).json()) as Doc;
  expect(one.data.attributes.members).toEqual([expect.objectContaining({ "scim-id": a, active: true })]);
  await expectError(await api.get("/api/v2/admin/scim-groups/not-a-uuid"), 404);
  const member = await apiAs(playwright, (await createAccount(playwright, { admin: false })).token);
  await expectError(await member.get("/api/v2/admin/scim-groups"), 404);
  await expectError(await member.post(`/api/v2/admin/teams/${teamId}/scim-group-mapping`, { data: { data: { type: "scim-group-mapping", attributes: { "scim-group-id": g2 } } } }), 404);
  await member.dispose();
  await api.dispose();
});

test("link, unlink, pause and resume share 10 requests a minute per site admin (then 429)", async ({ playwright }) => {
  const api = await apiAs(playwright, (await createAccount(playwright, { admin: true })).token);
  const { teamId } = await newTeam(api);
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await pause(api, teamId, true)).status());
  expect(statuses.slice(0, 10).every((s) => s === 409)).toBe(true);
  const limited = await pause(api, teamId, true);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  await api.dispose();
});
