// Audit log and provisioning activity (SPEC §5, §9): queries and filters, the per-minute series,
// retention, users admin actions, and a full IdP cycle through the real /scim/v2 router after which
// no secret appears in any table or log line.
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { auditEvents, scimRequests, users } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { activitySeries, ACTIVITY_RETENTION, listActivity, parseActivityFilters, pruneActivity } from "@/lib/audit/activity-queries";
import { flushActivity, writeActivity } from "@/lib/audit/activity-log";
import { listAuditEvents, parseAuditFilters } from "@/lib/audit/audit-queries";
import { listUsers } from "@/lib/admin/users/user-queries";
import { addTeamMembers } from "@/lib/admin/teams/teams";
import { deleteUser, MANAGED_BY_IDP, recoveryAdminCount, setManualSiteAdmin, suspendUser, unsuspendUser, getUserDetail } from "@/lib/admin/users/user-admin";
import { env, resetEnvForTests } from "@/lib/env";
import { createScimToken } from "@/lib/scim/tokens/scim-tokens";
import { createUserApiToken } from "@/lib/tokens/user-api-tokens";
import { createScimUser } from "@/lib/scim/users/scim-users";
import { parseUserBody } from "@/lib/scim/users/user-attributes";
import { dispatch } from "@/app/scim/v2/[[...path]]/router";
import { idpFixtureText } from "../fixtures/idp";
import { freshDb } from "../db";
import { ctxFor, makeOrg, makeUser, uniq } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const t = await freshDb();
const { db } = t;
const admin = await makeUser(db, { admin: true });
const adminCtx = () => ctxFor(db, { type: "user", id: admin.id });

// The app's own database handle (getDb) is this file's database, so the router writes here.
const KEY = Symbol.for("roster.db");
const holder = ((globalThis as Record<symbol, unknown>)[KEY] ??= {}) as { promise?: Promise<DbHandle> };
beforeAll(() => {
  holder.promise = Promise.resolve({ db, driver: t.driver, close: async () => {} });
});
afterAll(() => {
  holder.promise = undefined;
});

describe("audit events", () => {
  it("filters by action (exact or prefix), actor, target, time range and user; newest first", async () => {
    const org = await makeOrg(db, admin.id);
    const person = await makeUser(db);
    const before = new Date(Date.now() - 1000);
    const c = adminCtx();
    await suspendUser(c, person.id);
    await unsuspendUser(adminCtx(), person.id);
    const page = { number: 1, size: 20 };
    const exact = await listAuditEvents(db, { action: "user.suspend" }, page);
    expect(exact.rows.every((r) => r.action === "user.suspend")).toBe(true);
    const prefix = await listAuditEvents(db, { action: "user.", since: before, target: person.id }, page);
    expect(prefix.rows.map((r) => r.action)).toEqual(["user.unsuspend", "user.suspend", "user.create"]);
    expect((await listAuditEvents(db, { actor: admin.id, target: person.id }, page)).total).toBe(2);
    expect((await listAuditEvents(db, { user: person.id }, page)).rows.map((r) => r.action)).toEqual(["user.unsuspend", "user.suspend", "user.create"]);
    expect((await listAuditEvents(db, { target: org.name }, page)).rows[0]).toMatchObject({ action: "organization.create" });
    const teamId = rowsOf<{ id: string }>(await db.execute(sql`select id from teams where organization_name = ${org.name}`))[0]!.id;
    await addTeamMembers(adminCtx(), teamId, [person.id]);
    expect((await listAuditEvents(db, { user: person.id }, page)).rows[0]).toMatchObject({ action: "team.member-add", targetId: teamId });
    expect((await listAuditEvents(db, { until: before, action: "user.suspend" }, page)).total).toBe(0);
    const url = new URL("http://x/api?filter[action]=scim-user.&filter[since]=2026-01-01T00:00:00Z");
    expect(parseAuditFilters(url)).toMatchObject({ action: "scim-user.", since: new Date("2026-01-01T00:00:00Z") });
    expect(() => parseAuditFilters(new URL("http://x/api?filter[since]=yesterday"))).toThrow(/ISO-8601/);
  });
});

describe("provisioning activity", () => {
  it("filters rows, links SCIM users to their Roster user, and counts per minute by status class", async () => {
    await setSaml(db, true);
    await setScim(db, "enabled");
    const email = `${uniq("act")}@example.com`;
    const { identity, user } = await createScimUser(ctxFor(db, { type: "scim-token", id: "at-act" }), parseUserBody({ userName: email, emails: [{ value: email }] }, true));
    const base = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000);
    const at = (min: number) => new Date(base.getTime() + min * 60_000 + 1000);
    const row = (min: number, status: number, extra: Partial<typeof scimRequests.$inferInsert> = {}) => ({
      occurredAt: at(min), method: "GET", path: "/scim/v2/Users", status, durationMs: 3, tokenId: "at-act", requestId: uniq("r"), ...extra,
    });
    await writeActivity(db, [
      row(0, 200),
      row(0, 201, { method: "POST", resourceType: "User", resourceId: identity.id }),
      row(1, 409, { method: "POST", scimType: "uniqueness" }),
      row(3, 500, { method: "PATCH", path: "/scim/v2/Groups/x", resourceType: "Group" }),
      row(3, 401, { tokenId: null }),
    ]);
    const f = parseActivityFilters(new URL(`http://x/?filter[since]=${base.toISOString()}&filter[until]=${at(4).toISOString()}`), new Date());
    const all = await listActivity(db, f, { number: 1, size: 50 });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.status)).toEqual([401, 500, 409, 201, 200]);
    expect(all.rows.find((r) => r.status === 201)).toMatchObject({ resourceType: "User", resourceId: identity.id, userId: user.id });
    const only4xx = await listActivity(db, { ...f, status: { from: 400, to: 499 } }, { number: 1, size: 50 });
    expect(only4xx.rows.map((r) => r.status)).toEqual([401, 409]);
    expect((await listActivity(db, { ...f, method: "POST" }, { number: 1, size: 50 })).total).toBe(2);
    expect((await listActivity(db, { ...f, resource: "Group" }, { number: 1, size: 50 })).rows[0]!.status).toBe(500);
    expect((await listActivity(db, { ...f, token: "at-act" }, { number: 1, size: 50 })).total).toBe(4);
    const series = await activitySeries(db, f);
    expect(series).toHaveLength(5);
    expect(series.map((p) => [p["2xx"], p["4xx"], p["5xx"]])).toEqual([[2, 0, 0], [0, 1, 0], [0, 0, 0], [0, 1, 1], [0, 0, 0]]);
    for (const bad of ["filter[status]=3x", "filter[method]=TRACE", "filter[resource]=Teams", "filter[since]=2030-01-01T00:00:00Z&filter[until]=2029-01-01T00:00:00Z"]) {
      expect(() => parseActivityFilters(new URL(`http://x/?${bad}`), new Date()), bad).toThrow();
    }
  });

  it("a batch of activity rows is stored field for field, in order, with nulls kept", async () => {
    const requestId = uniq("batch");
    const occurredAt = new Date("2026-11-30T10:11:12.345Z");
    const rows = [
      { occurredAt, method: "PATCH", path: "/scim/v2/Users/x?attributes=…", resourceType: "User", resourceId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", status: 409, scimType: "uniqueness", durationMs: 17, tokenId: "at-batch", requestId: `${requestId}-1` },
      { occurredAt, method: "GET", path: '/scim/v2/Users "quoted" \\ ünï', status: 401, durationMs: 0, requestId: `${requestId}-2` },
    ];
    await writeActivity(db, rows);
    const stored = await db.select().from(scimRequests).where(sql`${scimRequests.requestId} like ${requestId + "-%"}`).orderBy(scimRequests.id);
    expect(stored.map((r) => ({ ...r, id: undefined }))).toEqual([
      { ...rows[0], id: undefined },
      { ...rows[1], id: undefined, resourceType: null, resourceId: null, scimType: null, tokenId: null },
    ]);
  });

  it(`keeps ${ACTIVITY_RETENTION.days} days and at most ${ACTIVITY_RETENTION.rows.toLocaleString("en")} rows; idle rate-limit buckets go too`, { timeout: 60_000 }, async () => {
    await db.execute(sql`delete from scim_requests`);
    const now = new Date();
    await writeActivity(db, [
      { occurredAt: new Date(now.getTime() - 31 * 86_400_000), method: "GET", path: "/old", status: 200, durationMs: 1, requestId: "old" },
    ]);
    await db.execute(sql`
      insert into scim_requests (occurred_at, method, path, status, duration_ms, request_id)
      select ${now.toISOString()}::timestamptz - interval '1 second' * g, 'GET', '/scim/v2/Users', 200, 1, 'bulk-' || g
      from generate_series(${ACTIVITY_RETENTION.rows + 50}, 1, -1) g`);
    await db.execute(sql`insert into rate_limit_buckets (key, tokens, updated_at) values ('idle-bucket', 1, now() - interval '2 days') on conflict do nothing`);
    const pruned = await pruneActivity(db, now);
    expect(pruned.activity).toBe(51);
    const [count] = rowsOf<{ n: number | string; newest: string }>(await db.execute(sql`select count(*) as n, max(request_id) filter (where request_id = 'bulk-1') as newest from scim_requests`));
    expect(Number(count!.n)).toBe(ACTIVITY_RETENTION.rows);
    expect(count!.newest).toBe("bulk-1");
    expect(rowsOf(await db.execute(sql`select 1 from scim_requests where request_id = 'old'`))).toEqual([]);
    expect(rowsOf(await db.execute(sql`select 1 from rate_limit_buckets where key = 'idle-bucket'`))).toEqual([]);
    await db.execute(sql`delete from scim_requests`);
  });
});

describe("users admin", () => {
  it("filters by status, SCIM-managed and site-admin source; shows memberships", async () => {
    await setSaml(db, true);
    await setScim(db, "enabled");
    const email = `${uniq("managed")}@example.com`;
    const { user: managed } = await createScimUser(ctxFor(db, { type: "scim-token", id: "at-u" }), parseUserBody({ userName: email, emails: [{ value: email }] }, true));
    const local = await makeUser(db);
    await suspendUser(adminCtx(), local.id);
    const page = { page: 1, size: 100 };
    const ids = async (input: Parameters<typeof listUsers>[1]) => (await listUsers(db, input)).rows.map((r) => r.user.id);
    expect(await ids({ ...page, scimManaged: true })).toContain(managed.id);
    expect(await ids({ ...page, scimManaged: true })).not.toContain(local.id);
    expect(await ids({ ...page, scimManaged: false })).toContain(local.id);
    expect(await ids({ ...page, status: "suspended" })).toEqual(expect.arrayContaining([local.id]));
    expect(await ids({ ...page, status: "active" })).not.toContain(local.id);
    expect(await ids({ ...page, siteAdmin: "manual" })).toContain(admin.id);
    expect(await ids({ ...page, siteAdmin: "scim" })).not.toContain(admin.id);
    const org = await makeOrg(db, admin.id);
    const detail = await getUserDetail(db, admin.id);
    expect(detail.organizations).toContain(org.name);
    expect(detail.teams).toEqual(expect.arrayContaining([expect.objectContaining({ organizationName: org.name, name: "owners" })]));
  });

  it("refuses SCIM-managed users, the caller themself and the last recovery admin (422); audits each change", async () => {
    await setSaml(db, true);
    await setScim(db, "enabled");
    const email = `${uniq("idp")}@example.com`;
    const { user: managed } = await createScimUser(ctxFor(db, { type: "scim-token", id: "at-u" }), parseUserBody({ userName: email, emails: [{ value: email }] }, true));
    for (const act of [suspendUser, unsuspendUser, deleteUser]) {
      await expect(act(adminCtx(), managed.id)).rejects.toMatchObject({ code: "invalid_value", message: MANAGED_BY_IDP });
    }
    await expect(suspendUser(adminCtx(), admin.id)).rejects.toMatchObject({ code: "invalid_value" });
    // Only recovery admin left: another admin may not suspend or delete them.
    await db.update(users).set({ siteAdminManual: false }).where(sql`id <> ${admin.id}`);
    const other = await makeUser(db, { admin: true });
    await suspendUser(ctxFor(db, { type: "user", id: admin.id }), other.id);
    await expect(suspendUser(ctxFor(db, { type: "user", id: other.id }), admin.id)).rejects.toMatchObject({ code: "invalid_value", message: /last site admin/ });
    const victim = await makeUser(db);
    const c = adminCtx();
    await deleteUser(c, victim.id);
    expect(await db.select().from(users).where(eq(users.id, victim.id))).toEqual([]);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId)))[0]).toMatchObject({ action: "user.delete", targetId: victim.id });
  });
});

describe("manual site-admin role", () => {
  it("grants and revokes the manual role, never the SCIM one, and never from the last recovery admin", async () => {
    await db.update(users).set({ siteAdminManual: false, siteAdminScim: false }).where(sql`id <> ${admin.id}`);
    await db.update(users).set({ suspendedAt: null, suspendedBy: null }).where(eq(users.id, admin.id));
    const person = await makeUser(db);
    const c = adminCtx();
    expect((await setManualSiteAdmin(c, person.id, true)).siteAdminManual).toBe(true);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId)))[0]).toMatchObject({ action: "site-admin.grant", targetId: person.id });
    expect(await recoveryAdminCount(db)).toBe(2);
    expect((await setManualSiteAdmin(adminCtx(), person.id, false)).siteAdminManual).toBe(false);
    // The admin is now the only one able to sign in without SSO.
    await expect(setManualSiteAdmin(ctxFor(db, { type: "user", id: person.id }), admin.id, false)).rejects.toMatchObject({ code: "invalid_value", message: /last site admin/ });
    // A SCIM grant no mapped group backs (left over after a clear) is the admin's to revoke.
    await db.update(users).set({ siteAdminScim: true }).where(eq(users.id, person.id));
    expect(await setManualSiteAdmin(adminCtx(), person.id, false)).toMatchObject({ siteAdminManual: false, siteAdminScim: false });
    const noop = adminCtx();
    await setManualSiteAdmin(noop, admin.id, true);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.requestId, noop.requestId)))[0]).toMatchObject({ outcome: "noop" });
    await db.update(users).set({ siteAdminScim: false }).where(eq(users.id, person.id));
  });
});

describe("activity rows of refused requests", () => {
  it("a 403 behind a valid token names the token; a 401 names none", async () => {
    await setSaml(db, true);
    await setScim(db, "paused");
    const { secret, token } = await createScimToken(adminCtx(), env(), { description: "paused" });
    const call = async (auth: string) => {
      const url = new URL("http://roster.test/scim/v2/Users");
      const res = await dispatch("GET", new NextRequest(url, { headers: { Authorization: auth } }), ["Users"]);
      return { status: res.status, requestId: res.headers.get("x-request-id") };
    };
    const paused = await call(`Bearer ${secret}`);
    const unknown = await call(`Bearer ${secret}x`);
    expect([paused.status, unknown.status]).toEqual([403, 401]);
    await flushActivity();
    const rows = await db.select().from(scimRequests).where(sql`${scimRequests.requestId} in (${paused.requestId}, ${unknown.requestId})`);
    expect(rows.find((r) => r.requestId === paused.requestId)).toMatchObject({ status: 403, tokenId: token.id });
    expect(rows.find((r) => r.requestId === unknown.requestId)).toMatchObject({ status: 401, tokenId: null });
    await setScim(db, "enabled");
  });
});

describe("no secret is ever stored or logged", () => {
  it("after an Entra cycle through the real router with failures, no table row or log line holds a secret", { timeout: 60_000 }, async () => {
    process.env.ROSTER_LOG_LEVEL = "debug";
    resetEnvForTests();
    const lines: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    try {
      await db.execute(sql`delete from scim_settings where false`);
      await setSaml(db, true);
      await setScim(db, "enabled");
      const { secret } = await createScimToken(adminCtx(), env(), { description: "Entra" });
      const { secret: apiSecret } = await createUserApiToken(adminCtx(), env(), { userId: admin.id });
      const password = "correct horse battery staple";
      process.stdout.write = capture as typeof process.stdout.write;
      process.stderr.write = capture as typeof process.stderr.write;
      const call = async (method: string, path: string, body?: string, auth = `Bearer ${secret}`) => {
        const url = new URL(`http://roster.test/scim/v2${path}`);
        const req = new NextRequest(url, { method, headers: { Authorization: auth, "Content-Type": "application/scim+json" }, body });
        const res = await dispatch(method as "GET", req, url.pathname.split("/").slice(3));
        const text = await res.text();
        return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      };
      const tag = uniq("cycle");
      const created = await call("POST", "/Users", idpFixtureText("entra", "create-user").replaceAll("avery.quinn@example.test", `${tag}@example.test`));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await call("POST", "/Users", idpFixtureText("entra", "create-user").replaceAll("avery.quinn@example.test", `${tag}@example.test`))).status).toBe(409);
      expect((await call("GET", `/Users?filter=${encodeURIComponent(`userName eq "${tag}@example.test"`)}`)).status).toBe(200);
      expect((await call("GET", `/Users?filter=${encodeURIComponent(`userName co "${password}"`)}`)).status).toBe(400);
      expect((await call("PATCH", `/Users/${id}`, idpFixtureText("entra", "patch-user-deactivate"))).status).toBe(200);
      expect((await call("PATCH", `/Users/${id}`, idpFixtureText("entra", "patch-user-reactivate"))).status).toBe(200);
      const group = await call("POST", "/Groups", idpFixtureText("entra", "create-group").replaceAll("Platform Engineers", `Engineers ${tag}`));
      expect(group.status).toBe(201);
      const second = await call("POST", "/Users", JSON.stringify({ userName: `second-${tag}@example.test`, emails: [{ value: `second-${tag}@example.test` }] }));
      expect(second.status).toBe(201);
      const add = idpFixtureText("entra", "patch-group-add-members", { userIdA: id, userIdB: second.body.id as string });
      expect((await call("PATCH", `/Groups/${group.body.id as string}`, add)).status).toBe(204);
      expect((await call("GET", "/Users", undefined, `Bearer ${secret}x`)).status).toBe(401);
      expect((await call("GET", `/Users?access_token=${secret}`, undefined, "")).status).toBe(401);
      expect((await call("GET", "/Users", undefined, `Bearer ${apiSecret}`)).status).toBe(401);
      expect((await call("POST", "/Users", `{"userName":"x","password":"${password}","emails":[{"value":"bad"}]}`)).status).toBe(400);
      expect((await call("DELETE", `/Users/${id}`)).status).toBe(204);
      await flushActivity();
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      delete process.env.ROSTER_LOG_LEVEL;
      resetEnvForTests();
    }
    const tables = rowsOf<{ table_name: string }>(
      await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
    ).map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(["audit_events", "scim_requests", "users", "scim_tokens"]));
    const activity = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from scim_requests`));
    expect(Number(activity[0]!.n)).toBeGreaterThanOrEqual(13);
    const dump: string[] = [];
    for (const table of tables) {
      const rows = rowsOf<{ t: string | null }>(await db.execute(sql`select string_agg(x::text, E'\n') as t from ${sql.identifier(table)} x`));
      dump.push(`${table}: ${rows[0]?.t ?? ""}`);
    }
    const everything = dump.join("\n") + "\n" + lines.join("");
    // The request log (debug level) saw every request, with the path as stored: no filter values.
    expect(lines.filter((l) => l.includes('"msg":"scim request"')).length).toBeGreaterThanOrEqual(13);
    for (const needle of ["roster_scim_", "roster_pat_", "correct horse battery staple", "Bearer "]) {
      expect(everything.includes(needle), needle).toBe(false);
    }
  });
});
