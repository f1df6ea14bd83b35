import { apiAs, createAccount, expect, test, uniqueName } from "../fixtures";
import { JSONAPI } from "../env";

type Doc = { data: { id: string; type: string; attributes: Record<string, unknown>; relationships?: Record<string, { data: unknown }> } };

test.describe("organizations", () => {
  test("create, show (case-insensitive), list with pagination", async ({ adminApi, admin }) => {
    const name = uniqueName("Org");
    const res = await adminApi.post("/api/v2/organizations", {
      data: { data: { type: "organizations", attributes: { name, email: "ops@example.com" } } },
    });
    expect(res.status()).toBe(201);
    expect(res.headers()["content-type"]).toBe(JSONAPI);
    expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const doc = (await res.json()) as Doc;
    expect(doc.data).toMatchObject({ id: name, type: "organizations", attributes: { name, email: "ops@example.com" } });

    const shown = await adminApi.get(`/api/v2/organizations/${name.toLowerCase()}`);
    expect(shown.status()).toBe(200);
    expect(((await shown.json()) as Doc).data.id).toBe(name);

    const list = await adminApi.get("/api/v2/organizations?page[size]=1");
    const body = (await list.json()) as { data: unknown[]; meta: { pagination: Record<string, number> }; links: Record<string, string> };
    expect(body.data).toHaveLength(1);
    expect(body.meta.pagination["page-size"]).toBe(1);
    expect(body.meta.pagination["total-count"]).toBeGreaterThanOrEqual(1);
    expect(body.links.first).toContain("page");

    // The owners team holds the creator.
    const teams = (await (await adminApi.get(`/api/v2/organizations/${name}/teams`)).json()) as { data: Doc["data"][] };
    expect(teams.data).toHaveLength(1);
    expect(teams.data[0]!.attributes).toMatchObject({ name: "owners", "is-owners": true });
    expect(teams.data[0]!.relationships!.users!.data).toEqual([{ id: admin.id, type: "users" }]);
  });

  test("bad input: 422 with a pointer, 400 malformed JSON, 409 wrong type, 404 unknown", async ({ adminApi }) => {
    const bad = await adminApi.post("/api/v2/organizations", {
      data: { data: { type: "organizations", attributes: { name: "has spaces", email: "ops@example.com" } } },
    });
    expect(bad.status()).toBe(422);
    const err = (await bad.json()) as { errors: { status: string; detail: string; source: { pointer: string } }[] };
    expect(err.errors[0]).toMatchObject({ status: "422", source: { pointer: "/data/attributes/name" } });

    const name = uniqueName("dup");
    expect((await adminApi.post("/api/v2/organizations", { data: { data: { type: "organizations", attributes: { name, email: "a@example.com" } } } })).status()).toBe(201);
    const taken = await adminApi.post("/api/v2/organizations", {
      data: { data: { type: "organizations", attributes: { name: name.toUpperCase(), email: "a@example.com" } } },
    });
    expect(taken.status()).toBe(422);
    expect(((await taken.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toMatch(/taken/);

    const malformed = await adminApi.post("/api/v2/organizations", { data: "{not json" });
    expect(malformed.status()).toBe(400);
    const wrongType = await adminApi.post("/api/v2/organizations", { data: { data: { type: "teams", attributes: {} } } });
    expect(wrongType.status()).toBe(409);
    expect((await adminApi.get(`/api/v2/organizations/${uniqueName("none")}`)).status()).toBe(404);
    const unknown = await adminApi.get("/api/v2/no-such-endpoint");
    expect(unknown.status()).toBe(404);
    expect(unknown.headers()["content-type"]).toBe(JSONAPI);
  });
});

test.describe("teams", () => {
  async function newOrg(adminApi: import("@playwright/test").APIRequestContext) {
    const name = uniqueName("org");
    const r = await adminApi.post("/api/v2/organizations", { data: { data: { type: "organizations", attributes: { name, email: "o@example.com" } } } });
    expect(r.status()).toBe(201);
    return name;
  }

  test("create, rename, members add/remove, delete", async ({ adminApi, playwright }) => {
    const org = await newOrg(adminApi);
    const created = await adminApi.post(`/api/v2/organizations/${org}/teams`, { data: { data: { type: "teams", attributes: { name: "Developers" } } } });
    expect(created.status()).toBe(201);
    const team = ((await created.json()) as Doc).data;
    expect(team.id).toMatch(/^team-/);
    expect(team.relationships!.users!.data).toEqual([]);

    const dup = await adminApi.post(`/api/v2/organizations/${org}/teams`, { data: { data: { type: "teams", attributes: { name: "developers" } } } });
    expect(dup.status()).toBe(422);

    const renamed = await adminApi.patch(`/api/v2/teams/${team.id}`, { data: { data: { type: "teams", attributes: { name: "Platform" } } } });
    expect(renamed.status()).toBe(200);
    expect(((await renamed.json()) as Doc).data.attributes.name).toBe("Platform");

    // A user from outside the organization becomes a member of it.
    const outsider = await createAccount(playwright, { admin: false });
    const add = await adminApi.post(`/api/v2/teams/${team.id}/relationships/users`, { data: { data: [{ type: "users", id: outsider.id }] } });
    expect(add.status()).toBe(204);
    const shown = ((await (await adminApi.get(`/api/v2/teams/${team.id}`)).json()) as Doc).data;
    expect(shown.relationships!.users!.data).toEqual([{ id: outsider.id, type: "users" }]);

    const unknownUser = await adminApi.post(`/api/v2/teams/${team.id}/relationships/users`, { data: { data: [{ type: "users", id: "user-nobody0000000000" }] } });
    expect(unknownUser.status()).toBe(404);
    const badShape = await adminApi.post(`/api/v2/teams/${team.id}/relationships/users`, { data: { data: { type: "users", id: outsider.id } } });
    expect(badShape.status()).toBe(422);

    const remove = await adminApi.delete(`/api/v2/teams/${team.id}/relationships/users`, { data: { data: [{ type: "users", id: outsider.id }] } });
    expect(remove.status()).toBe(204);
    expect((((await (await adminApi.get(`/api/v2/teams/${team.id}`)).json()) as Doc).data.relationships!.users!.data)).toEqual([]);

    expect((await adminApi.delete(`/api/v2/teams/${team.id}`)).status()).toBe(204);
    expect((await adminApi.get(`/api/v2/teams/${team.id}`)).status()).toBe(404);
  });

  test("the owners team cannot be renamed, deleted or emptied", async ({ adminApi, admin }) => {
    const org = await newOrg(adminApi);
    const owners = ((await (await adminApi.get(`/api/v2/organizations/${org}/teams`)).json()) as { data: Doc["data"][] }).data[0]!;
    expect((await adminApi.patch(`/api/v2/teams/${owners.id}`, { data: { data: { type: "teams", attributes: { name: "x" } } } })).status()).toBe(422);
    expect((await adminApi.delete(`/api/v2/teams/${owners.id}`)).status()).toBe(422);
    const empty = await adminApi.delete(`/api/v2/teams/${owners.id}/relationships/users`, { data: { data: [{ type: "users", id: admin.id }] } });
    expect(empty.status()).toBe(422);
    expect(((await (await adminApi.get(`/api/v2/teams/${owners.id}`)).json()) as Doc).data.relationships!.users!.data).toEqual([{ id: admin.id, type: "users" }]);
  });
});

test.describe("users and account", () => {
  test("account details for the token's owner; admin users list with search", async ({ adminApi, admin }) => {
    const me = await adminApi.get("/api/v2/account/details");
    expect(me.status()).toBe(200);
    expect(((await me.json()) as Doc).data).toMatchObject({ id: admin.id, type: "users", attributes: { email: admin.email, "is-site-admin": true } });

    const found = await adminApi.get(`/api/v2/admin/users?q=${encodeURIComponent(admin.email.toUpperCase())}`);
    const body = (await found.json()) as { data: Doc["data"][]; meta: { pagination: { "total-count": number } } };
    expect(body.data.map((u) => u.id)).toEqual([admin.id]);
    expect(body.meta.pagination["total-count"]).toBe(1);
    expect(JSON.stringify(body)).not.toContain("scrypt");
  });

  test("POST /admin/users validates and refuses taken emails", async ({ adminApi, admin }) => {
    const weak = await adminApi.post("/api/v2/admin/users", { data: { data: { type: "users", attributes: { email: `${uniqueName()}@example.com`, password: "short" } } } });
    expect(weak.status()).toBe(422);
    expect(((await weak.json()) as { errors: { source: { pointer: string } }[] }).errors[0]!.source.pointer).toBe("/data/attributes/password");
    const taken = await adminApi.post("/api/v2/admin/users", { data: { data: { type: "users", attributes: { email: admin.email.toUpperCase(), password: "long enough password" } } } });
    expect(taken.status()).toBe(422);
  });

  test("user API tokens: list, revoke takes effect on the next request", async ({ playwright, admin, adminApi }) => {
    const list = await adminApi.get(`/api/v2/users/${admin.id}/authentication-tokens`);
    const tokens = ((await list.json()) as { data: Doc["data"][] }).data;
    expect(tokens.length).toBeGreaterThanOrEqual(1);
    expect(tokens.every((t) => t.attributes.token === null)).toBe(true);
    const other = await createAccount(playwright, { admin: true });
    // Someone else's tokens do not exist for this caller.
    expect((await adminApi.get(`/api/v2/users/${other.id}/authentication-tokens`)).status()).toBe(404);
    const otherApi = await apiAs(playwright, other.token);
    const otherTokens = ((await (await otherApi.get(`/api/v2/users/${other.id}/authentication-tokens`)).json()) as { data: Doc["data"][] }).data;
    expect((await adminApi.delete(`/api/v2/authentication-tokens/${otherTokens[0]!.id}`)).status()).toBe(404);
    expect((await otherApi.delete(`/api/v2/authentication-tokens/${otherTokens[0]!.id}`)).status()).toBe(204);
    expect((await otherApi.get("/api/v2/account/details")).status()).toBe(401);
    await otherApi.dispose();
  });
});
