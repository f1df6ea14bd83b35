// Whole provisioning cycles over HTTP with the request bodies Entra ID and Okta really send
// (tests/fixtures/idp, shared with the Vitest tests). Runs alone: it enables SCIM site-wide.
import { randomBytes } from "node:crypto";
import { apiAs, createAccount, expect, test } from "../fixtures";
import { E2E_BASE_URL } from "../env";
import { idpFixtureText, type Idp } from "../../tests/fixtures/idp";
import { selfSignedCertificate } from "../../tests/certificates";

test.describe.configure({ mode: "serial" });

const SCIM = "application/scim+json";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
let token = "";

type Json = Record<string, unknown>;
async function scim(method: string, path: string, body?: string | Json, headers: Record<string, string> = {}) {
  const res = await fetch(`${E2E_BASE_URL}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": SCIM } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
}

/** The fixture with its fixed names made unique, so cycles and reruns never collide. */
function fixture(idp: Idp, name: string, tag: string, vars: Record<string, string> = {}) {
  return idpFixtureText(idp, name, vars)
    .replaceAll("avery.quinn@example.test", `avery.quinn.${tag}@example.test`)
    .replaceAll("blake.rivera@example.test", `avery.quinn.${tag}@example.test`)
    .replaceAll("Platform Engineers", `Platform Engineers ${tag}`)
    .replace(/"externalId": "([^"]+)"/g, (_m, v: string) => `"externalId": "${v}-${tag}"`);
}

async function secondUser(tag: string) {
  const email = `blake.${tag}@example.test`;
  const r = await scim("POST", "/Users", { userName: email, emails: [{ value: email, primary: true }], active: true });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

test.beforeAll(async ({ playwright }) => {
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  const certificate = selfSignedCertificate();
  await api.delete("/api/v2/admin/scim-settings");
  const saml = await api.patch("/api/v2/admin/saml-settings", {
    data: { data: { type: "saml-settings", attributes: { enabled: true, "provider-type": "saml", "idp-entity-id": "https://idp.example.test", "sso-url": "https://idp.example.test/sso", certificate } } },
  });
  expect(saml.status()).toBe(200);
  expect((await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } })).status()).toBe(200);
  const created = await api.post("/api/v2/admin/scim-tokens", { data: { data: { type: "authentication-tokens", attributes: { description: "e2e IdP" } } } });
  token = ((await created.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
  await api.dispose();
});

test("discovery describes what is implemented", async () => {
  const spc = await scim("GET", "/ServiceProviderConfig");
  expect(spc.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 } });
  const types = await scim("GET", "/ResourceTypes");
  expect((types.body.Resources as Json[]).map((r) => [r.id, r.endpoint])).toEqual([["User", "/Users"], ["Group", "/Groups"]]);
  expect((await scim("GET", "/ResourceTypes/user")).body).toMatchObject({ id: "User", description: "User Account" });
  expect((await scim("GET", "/ResourceTypes/Device")).status).toBe(404);
  const schemas = await scim("GET", "/Schemas");
  expect((schemas.body.Resources as Json[]).map((s) => s.id)).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"]);
  expect((await scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User")).body).toMatchObject({ name: "User", description: "User Account" });
  expect((await scim("GET", "/Schemas/urn:nope")).status).toBe(404);
});

for (const idp of ["entra", "okta"] as const) {
  test(`a full ${idp} provisioning cycle`, async () => {
    const tag = randomBytes(4).toString("hex");
    const userName = `avery.quinn.${tag}@example.test`;
    const filter = `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

    // Filter before create: an empty list, never 404.
    const before = await scim("GET", filter);
    expect(before.status).toBe(200);
    expect(before.headers.get("content-type")).toBe(SCIM);
    expect(before.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });

    const created = await scim("POST", "/Users", fixture(idp, idp === "entra" ? "create-user-active-string" : "create-user", tag));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const userId = created.body.id as string;
    expect(created.headers.get("location")).toBe(`${E2E_BASE_URL}/scim/v2/Users/${userId}`);
    expect(created.body).toMatchObject({ userName, active: true, emails: [{ value: userName, primary: true }] });
    expect(JSON.stringify(created.body)).not.toContain("password");

    const found = await scim("GET", filter.replace(userName, userName.toUpperCase()));
    expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1 });
    const again = await scim("POST", "/Users", fixture(idp, "create-user", tag));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });

    // Update.
    if (idp === "entra") {
      const patched = await scim("PATCH", `/Users/${userId}`, fixture("entra", "patch-user-replace-email-and-family-name", tag));
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body).toMatchObject({ id: userId, name: { familyName: "Quinn" } });
    } else {
      const put = await scim("PUT", `/Users/${userId}`, fixture("okta", "put-user", tag, { userId }));
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject({ displayName: "Avery Quinn-Hale", name: { familyName: "Quinn-Hale" }, active: true });
    }

    // Group push and membership.
    const other = await secondUser(tag);
    const group = await scim("POST", "/Groups", fixture(idp, "create-group", tag));
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const groupId = group.body.id as string;
    expect(group.headers.get("location")).toBe(`${E2E_BASE_URL}/scim/v2/Groups/${groupId}`);
    const add =
      idp === "entra"
        ? await scim("PATCH", `/Groups/${groupId}`, fixture("entra", "patch-group-add-members", tag, { userIdA: userId, userIdB: other }))
        : await scim("PATCH", `/Groups/${groupId}`, fixture("okta", "patch-group-add-members", tag, { userId }));
    expect(add.status, JSON.stringify(add.body)).toBe(204);
    if (idp === "okta") {
      const delta = await scim("PATCH", `/Groups/${groupId}`, fixture("okta", "patch-group-membership-delta", tag, { oldUserId: userId, userId: other }));
      expect(delta.status).toBe(204);
      const rename = await scim("PATCH", `/Groups/${groupId}?excludedAttributes=members`, fixture("okta", "patch-group-rename", tag, { groupId }));
      expect(rename.status).toBe(200);
      expect(rename.body.members).toBeUndefined();
      const wrongId = await scim("PATCH", `/Groups/${groupId}`, fixture("okta", "patch-group-rename", tag, { groupId: "8f2f1e2a-0000-4000-8000-000000000000" }));
      expect(wrongId.body).toMatchObject({ status: "400", scimType: "mutability" });
      const put = await scim("PUT", `/Groups/${groupId}`, fixture("okta", "put-group", tag, { groupId, userId }));
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect((put.body.members as Json[]).map((m) => m.value)).toEqual([userId]);
    } else {
      const withBoth = await scim("GET", `/Groups/${groupId}`);
      expect((withBoth.body.members as Json[]).map((m) => m.value).sort()).toEqual([userId, other].sort());
      const remove = await scim("PATCH", `/Groups/${groupId}`, fixture("entra", "patch-group-remove-members-list", tag, { userId: other }));
      expect(remove.status).toBe(204);
    }
    const members = await scim("GET", `/Groups/${groupId}`);
    expect(members.body.members).toEqual([{ value: userId, display: userName, $ref: `${E2E_BASE_URL}/scim/v2/Users/${userId}` }]);
    const bare = await scim("GET", `/Groups/${groupId}?excludedAttributes=members`);
    expect(bare.body.members).toBeUndefined();
    // A dotted name excludes only that sub-attribute; `attributes` with one keeps the parent.
    const noDisplay = await scim("GET", `/Groups/${groupId}?excludedAttributes=members.display`);
    expect(noDisplay.body.members).toEqual([{ value: userId, $ref: `${E2E_BASE_URL}/scim/v2/Users/${userId}` }]);
    const onlyMembers = await scim("GET", `/Groups/${groupId}?attributes=members.value`);
    expect(onlyMembers.body.members).toEqual(members.body.members);
    expect(onlyMembers.body.displayName).toBeUndefined();
    const noGiven = await scim("GET", `/Users/${userId}?excludedAttributes=name.givenName,emails.type`);
    expect(noGiven.body.userName).toBe(userName);
    expect(noGiven.body.name).toBeDefined();
    expect(noGiven.body.name).not.toHaveProperty("givenName");
    expect((noGiven.body.emails as Json[]).every((e) => !("type" in e) && typeof e.value === "string")).toBe(true);

    // Deactivate, then reactivate.
    const off = await scim("PATCH", `/Users/${userId}`, fixture(idp, "patch-user-deactivate", tag));
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.active).toBe(false);
    const on = await scim("PATCH", `/Users/${userId}`, fixture(idp, "patch-user-reactivate", tag));
    expect(on.body.active).toBe(true);

    // Delete: the user goes from SCIM (404 after), the group delete is idempotent.
    expect((await scim("DELETE", `/Users/${userId}`)).status).toBe(204);
    expect((await scim("GET", `/Users/${userId}`)).status).toBe(404);
    expect((await scim("DELETE", `/Users/${userId}`)).status).toBe(404);
    expect((await scim("GET", `/Groups/${groupId}`)).body.members).toEqual([]);
    expect((await scim("DELETE", `/Groups/${groupId}`)).status).toBe(204);
    expect((await scim("DELETE", `/Groups/${groupId}`)).status).toBe(204);
    expect((await scim("GET", `/Groups/${groupId}`)).status).toBe(404);
  });
}

test("errors answer SCIM bodies with status as a string", async () => {
  const cases: [string, string, string | undefined, Record<string, string>, number, string | undefined][] = [
    ["GET", "/Users/not-a-uuid", undefined, {}, 404, undefined],
    ["GET", `/Users?filter=${encodeURIComponent('userName co "a"')}`, undefined, {}, 400, "invalidFilter"],
    ["GET", "/Users?count=abc", undefined, {}, 400, "invalidValue"],
    ["POST", "/Users", "{not json", {}, 400, "invalidSyntax"],
    ["POST", "/Users", '{"__proto__":{"x":1},"userName":"a"}', {}, 400, "invalidSyntax"],
    ["POST", "/Users", '{"userName":"a","emails":[{"value":"a@x.io"}]}', { "Content-Type": "text/plain" }, 400, "invalidSyntax"],
    ["POST", "/Users", '{"emails":[{"value":"a@x.io"}]}', {}, 400, "invalidValue"],
    ["POST", "/Groups", '{"displayName":"x","members":[{"value":"00000000-0000-4000-8000-000000000000"}]}', {}, 404, undefined],
    ["PATCH", "/Users/00000000-0000-4000-8000-000000000000", '{"Operations":[{"op":"remove","path":"displayName"}]}', {}, 404, undefined],
    // SPEC §14: a bad body is a 400 before an unknown id is a 404.
    ["PATCH", "/Users/00000000-0000-4000-8000-000000000000", '{"Operations":[]}', {}, 400, "invalidSyntax"],
  ];
  for (const [method, path, body, headers, status, scimType] of cases) {
    const r = await scim(method, path, body, headers);
    expect(r.status, `${method} ${path}`).toBe(status);
    expect(r.headers.get("content-type")).toBe(SCIM);
    expect(r.body).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
  }
  const big = await fetch(`${E2E_BASE_URL}/scim/v2/Users`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": SCIM },
    body: JSON.stringify({ userName: "x", pad: "x".repeat(1_048_577) }),
  });
  expect(big.status).toBe(413);
  // The body is left unread, so the connection is not reused.
  expect(big.headers.get("connection")).toBe("close");
  expect(await big.json()).toMatchObject({ schemas: [ERROR], status: "413" });
});

test("edges found by black-box probes: check order, id mutability, lone surrogates, huge startIndex, unknown keys", async () => {
  const tag = randomBytes(3).toString("hex");
  const userId = await secondUser(tag);
  const unknownId = "00000000-0000-4000-8000-0000000000ff";
  const group = await scim("POST", "/Groups", { displayName: `Probe ${tag}`, externalId: `probe-${tag}` });
  expect(group.status).toBe(201);
  const groupId = group.body.id as string;
  const expectError = (r: { status: number; body: Json }, status: number, scimType?: string, what = "") => {
    expect(r.status, what).toBe(status);
    expect(r.body, what).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
  };

  // SPEC §14: 400 (syntax, required attributes) before 404.
  expectError(await scim("PUT", `/Users/${unknownId}`, { emails: [{ value: "a@x.io" }] }), 400, "invalidValue", "PUT /Users unknown id, no userName");
  expectError(await scim("PATCH", `/Users/${unknownId}`, { Operations: [{ op: "bogus" }] }), 400, "invalidSyntax", "PATCH /Users unknown id");
  expectError(await scim("PATCH", `/Users/${unknownId}`, { Operations: [{ op: "replace", path: "active", value: "maybe" }] }), 400, "invalidValue");
  expectError(await scim("PATCH", `/Groups/${unknownId}`, { Operations: [] }), 400, "invalidSyntax", "PATCH /Groups unknown id");
  expectError(await scim("PATCH", `/Groups/${unknownId}`, { Operations: [{ op: "replace", path: "nope", value: 1 }] }), 400, "invalidPath");
  expectError(await scim("PATCH", `/Groups/${unknownId}`, { Operations: [{ op: "replace", path: "displayName", value: "x" }] }), 404);
  // ... and 404 (unknown member) before 409 (displayName taken), on every write.
  const ghost = [{ value: unknownId }];
  expectError(await scim("POST", "/Groups", { displayName: `probe ${tag}`, members: ghost }), 404, undefined, "POST /Groups taken name, unknown member");
  const other = await scim("POST", "/Groups", { displayName: `Other ${tag}` });
  const otherId = other.body.id as string;
  expectError(await scim("PUT", `/Groups/${otherId}`, { displayName: `Probe ${tag}`, members: ghost }), 404);
  expectError(await scim("PATCH", `/Groups/${otherId}`, { Operations: [{ op: "replace", value: { displayName: `Probe ${tag}` } }, { op: "add", path: "members", value: ghost }] }), 404);
  expectError(await scim("PUT", `/Groups/${otherId}`, { displayName: `Probe ${tag}` }), 409, "uniqueness");
  // ... and 413 (over 1,000 members) before 400 (no displayName).
  const many = Array.from({ length: 1001 }, (_, i) => ({ value: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` }));
  expectError(await scim("POST", "/Groups", { members: many }), 413);

  // id is read-only on Users too: the user's own id is ignored, another is 400 mutability and changes nothing.
  const before = await scim("GET", `/Users/${userId}`);
  expect((await scim("PATCH", `/Users/${userId}`, { Operations: [{ op: "replace", value: { id: userId.toUpperCase(), displayName: "Same id" } }] })).status).toBe(200);
  for (const op of [{ op: "replace", value: { id: unknownId, displayName: "Changed" } }, { op: "replace", path: "id", value: unknownId }, { op: "add", path: "id", value: "x" }, { op: "remove", path: "id" }]) {
    expectError(await scim("PATCH", `/Users/${userId}`, { Operations: [{ op: "replace", path: "displayName", value: "Changed" }, op] }), 400, "mutability", JSON.stringify(op));
  }
  expect((await scim("GET", `/Users/${userId}`)).body).toMatchObject({ id: userId, displayName: "Same id", userName: before.body.userName });

  // "\ud800" is valid JSON but no character: 400 invalidSyntax on every write, nothing changed.
  const lone = (json: string) => json.replace("LONE", "\\ud800");
  const loneCases: [string, string, string][] = [
    ["POST", "/Users", lone(`{"userName":"LONE${tag}","emails":[{"value":"lone.${tag}@example.test"}]}`)],
    ["PUT", `/Users/${userId}`, lone(`{"userName":"LONE","emails":[{"value":"lone.${tag}@example.test"}]}`)],
    ["PATCH", `/Users/${userId}`, lone('{"Operations":[{"op":"replace","path":"displayName","value":"LONE"}]}')],
    ["POST", "/Groups", lone('{"displayName":"LONE"}')],
    ["PUT", `/Groups/${groupId}`, lone('{"displayName":"x","externalId":"LONE"}')],
    ["PATCH", `/Groups/${groupId}`, lone('{"Operations":[{"op":"replace","path":"displayName","value":"LONE"}]}')],
  ];
  for (const [method, path, body] of loneCases) expectError(await scim(method, path, body), 400, "invalidSyntax", `${method} ${path}`);
  expectError(await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "\\ud800"')}`), 400, "invalidFilter");
  expect((await scim("GET", `/Users/${userId}`)).body).toMatchObject({ displayName: "Same id", userName: before.body.userName });
  expect((await scim("GET", `/Groups/${groupId}`)).body).toMatchObject({ displayName: `Probe ${tag}`, externalId: `probe-${tag}` });
  // Astral characters themselves are fine, also where the audit summary is cut.
  const astral = "\u{1F600}".repeat(200);
  expect((await scim("PATCH", `/Groups/${groupId}`, { Operations: [{ op: "replace", path: "displayName", value: astral + tag }] })).status).toBe(204);
  const astralUser = await scim("POST", "/Users", { userName: "a" + "\u{1F600}".repeat(240) + tag, emails: [{ value: `astral.${tag}@example.test` }] });
  expect(astralUser.status).toBe(201);

  // A startIndex past any store's size is an empty page, never an error.
  for (const resource of ["Users", "Groups"]) {
    for (const startIndex of ["9223372036854775807", "9".repeat(400), "2147483648"]) {
      const r = await scim("GET", `/${resource}?startIndex=${startIndex}&count=5`);
      expect(r.status, `${resource} startIndex=${startIndex.slice(0, 20)}`).toBe(200);
      expect(r.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
      expect(r.body.totalResults).toBeGreaterThan(0);
    }
  }

  // constructor and prototype are unknown attributes like any other: ignored.
  const odd = await scim("POST", "/Users", `{"userName":"odd.${tag}","constructor":{"prototype":{"x":1}},"prototype":1,"emails":[{"value":"odd.${tag}@example.test"}]}`);
  expect(odd.status).toBe(201);
  expect(odd.body).not.toHaveProperty("prototype");
  // __proto__ stays refused.
  expectError(await scim("POST", "/Users", `{"userName":"p.${tag}","__proto__":{"x":1},"emails":[{"value":"p.${tag}@example.test"}]}`), 400, "invalidSyntax");

  // Unknown endpoints authenticate first (401 before 404); a method the path's shape does not take is a 405 with Allow.
  expect((await fetch(`${E2E_BASE_URL}/scim/v2/Frobs`)).status).toBe(401);
  expectError(await scim("GET", "/Frobs"), 404);
  for (const [method, path, allow] of [["DELETE", "/Users", "GET, POST"], ["PUT", "/Groups", "GET, POST"], ["POST", `/Users/${userId}`, "GET, PUT, PATCH, DELETE"], ["POST", `/Groups/${groupId}`, "GET, PUT, PATCH, DELETE"], ["OPTIONS", "/Users", "GET, POST"], ["OPTIONS", `/groups/${groupId}`, "GET, PUT, PATCH, DELETE"], ["OPTIONS", "/Schemas", "GET"]] as const) {
    const r = await scim(method, path, method === "DELETE" || method === "OPTIONS" ? undefined : {});
    expectError(r, 405, undefined, `${method} ${path}`);
    expect(r.headers.get("allow"), `${method} ${path}`).toBe(allow);
  }
  expectError(await scim("PUT", `/Users/${userId}/extra`, {}), 404);
  // A segment that does not decode is taken literally (Next.js alone would answer a plain-text
  // 500): an id nobody has, an endpoint that does not exist, after authentication like any other.
  for (const path of ["/Users/%FF", "/Groups/100%", "/Users/%E0%A4%A", "/%ZZ", "/Schemas/%C0", "/Schemas/100%25"]) {
    expect((await fetch(`${E2E_BASE_URL}/scim/v2${path}`)).status, `${path} anonymous`).toBe(401);
    expectError(await scim("GET", path), 404, undefined, path);
  }
  expectError(await scim("PATCH", "/Users/%FF", { Operations: [{ op: "replace", path: "displayName", value: "x" }] }), 404);
  expectError(await scim("PUT", "/Groups/%FF", { displayName: 5 }), 400, "invalidValue", "body checked before the id");
  expect((await scim("GET", "/Users/%FF")).body.detail).toBe("User not found");
  expect((await scim("GET", "/Frobs/%FF")).body.detail).toBe("Unknown SCIM endpoint");
  expect((await scim("POST", "/Users/%FF", {})).headers.get("allow")).toBe("GET, PUT, PATCH, DELETE");
  expect((await scim("GET", "/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser")).body).toMatchObject({ name: "User" });
  // GET of one group answers its Location, like a user's.
  const oneGroup = await scim("GET", `/Groups/${groupId.toUpperCase()}`);
  expect(oneGroup.headers.get("location")).toBe((oneGroup.body.meta as Json).location);
  expect(oneGroup.headers.get("location")).toMatch(new RegExp(`/scim/v2/Groups/${groupId}$`));

  // externalId is unique per resource type, and /Schemas says so.
  for (const schema of ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"]) {
    const attrs = (await scim("GET", `/Schemas/${schema}`)).body.attributes as Json[];
    expect(attrs.find((a) => a.name === "externalId"), schema).toMatchObject({ uniqueness: "server", caseExact: true });
  }
  // So is an email address (one Roster user each).
  const userAttrs = (await scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User")).body.attributes as Json[];
  expect((userAttrs.find((a) => a.name === "emails")!.subAttributes as Json[]).find((a) => a.name === "value")).toMatchObject({ uniqueness: "server" });
});

test("every spelling of a resource path answers alike (static routes and the catch-all)", async () => {
  const id = await secondUser(randomBytes(3).toString("hex"));
  const canonical = await scim("GET", `/Users/${id}`);
  expect(canonical.status).toBe(200);
  for (const path of [`/users/${id}`, `/USERS/${id}/`, `/Users/${id}/`, `/uSeRs/${id.toUpperCase()}`]) {
    const r = await scim("GET", path);
    expect(r.status, path).toBe(200);
    expect({ ...r.body, meta: null }, path).toEqual({ ...canonical.body, meta: null });
  }
  for (const path of [`/Users/${id}/extra`, `/Groups/${id}/x/y`]) expect((await scim("GET", path)).status, path).toBe(404);
  for (const path of ["/Groups", "/groups/", "/Users/", "/users"]) {
    const r = await scim("GET", `${path}?count=1`);
    expect(r.status, path).toBe(200);
    expect(r.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
  }
  // SCIM bodies are small JSON: never gzipped by the server, never cached.
  const listed = await fetch(`${E2E_BASE_URL}/scim/v2/Users?count=200`, { headers: { Authorization: `Bearer ${token}`, "Accept-Encoding": "gzip" } });
  expect(listed.headers.get("content-encoding")).toBeNull();
  expect(listed.headers.get("cache-control")).toBe("no-store, no-transform");
});

test("paging is stable with exact totals; count=0 returns only the total", async () => {
  const tag = randomBytes(3).toString("hex");
  for (let i = 0; i < 3; i++) await secondUser(`${tag}${i}`);
  const all = await scim("GET", "/Users?count=200");
  const total = all.body.totalResults as number;
  const page = await scim("GET", "/Users?startIndex=2&count=2");
  expect(page.body).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
  expect((page.body.Resources as Json[]).map((r) => r.id)).toEqual((all.body.Resources as Json[]).slice(1, 3).map((r) => r.id));
  const zero = await scim("GET", "/Users?count=0");
  expect(zero.body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
  const projected = await scim("GET", "/Users?count=1&attributes=userName");
  expect(Object.keys((projected.body.Resources as Json[])[0]!).sort()).toEqual(["id", "schemas", "userName"]);
});

test("403 on Users and Groups while paused; discovery still answers", async ({ playwright }) => {
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  expect((await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { paused: true } } } })).status()).toBe(200);
  try {
    for (const [method, path] of [["GET", "/Users"], ["POST", "/Users"], ["GET", "/Groups"], ["DELETE", "/Groups/x"]] as const) {
      const r = await scim(method, path, method === "POST" ? { userName: "x", emails: [{ value: "x@x.io" }] } : undefined);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: "403" });
    }
    expect((await scim("GET", "/ServiceProviderConfig")).status).toBe(200);
  } finally {
    await api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { paused: false } } } });
    await api.dispose();
  }
});

test("every /scim/v2 request leaves an activity row without secrets or filter values", async ({ adminApi }) => {
  const since = new Date(Date.now() - 1000).toISOString();
  const marker = randomBytes(4).toString("hex");
  await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "secret-${marker}@example.test"`)}`);
  await fetch(`${E2E_BASE_URL}/scim/v2/Users`, { headers: { Authorization: "Bearer nope" } });
  // Read back through the admin API (both databases), which shows queued rows at once.
  const activity = async () => {
    const res = await adminApi.get(`/api/v2/admin/scim-activity?filter[since]=${encodeURIComponent(since)}&page[size]=100`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { data: { attributes: Json }[] }).data.map((d) => d.attributes);
  };
  await expect.poll(async () => (await activity()).filter((r) => r.status === 401 && r.path === "/scim/v2/Users").length, { timeout: 5000 }).toBeGreaterThan(0);
  const rows = await activity();
  const dump = JSON.stringify(rows);
  expect(dump).not.toContain(marker);
  expect(dump).not.toContain(token);
  expect(rows.map((r) => r.path)).toContain("/scim/v2/Users?filter=…");
});

test("a create's 409 row in the activity log names the resource it collided with", async ({ adminApi }) => {
  const since = new Date(Date.now() - 1000).toISOString();
  const tag = randomBytes(4).toString("hex");
  const holder = await secondUser(tag);
  const group = await scim("POST", "/Groups", { displayName: `Collide ${tag}`, members: [] });
  expect(group.status).toBe(201);
  const userAgain = await scim("POST", "/Users", { userName: `BLAKE.${tag}@example.test`, emails: [{ value: `other.${tag}@example.test` }] });
  const groupAgain = await scim("POST", "/Groups", { displayName: `collide ${tag}` });
  expect([userAgain.status, groupAgain.status]).toEqual([409, 409]);
  const rowOf = async (requestId: string | null) => {
    const res = await adminApi.get(`/api/v2/admin/scim-activity?filter[status]=409&filter[since]=${encodeURIComponent(since)}&page[size]=100`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { data: { attributes: Json }[] }).data.map((d) => d.attributes).find((r) => r["request-id"] === requestId);
  };
  await expect.poll(() => rowOf(userAgain.headers.get("x-request-id")), { timeout: 5000 }).toMatchObject({
    path: "/scim/v2/Users",
    "resource-type": "User",
    "resource-id": holder,
    "scim-type": "uniqueness",
  });
  expect(await rowOf(groupAgain.headers.get("x-request-id"))).toMatchObject({ path: "/scim/v2/Groups", "resource-type": "Group", "resource-id": group.body.id });
});

test.afterAll(async ({ playwright }) => {
  const admin = await createAccount(playwright, { admin: true });
  const api = await apiAs(playwright, admin.token);
  await api.delete("/api/v2/admin/scim-settings");
  await api.patch("/api/v2/admin/saml-settings", { data: { data: { type: "saml-settings", attributes: { enabled: false } } } });
  await api.dispose();
});
