import { count, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, scimIdentities, users } from "@/db/schema";
import { disableScim } from "@/lib/scim/settings/scim-settings";
import { parseUserBody, type UserAttributes } from "@/lib/scim/users/user-attributes";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, unfilteredPage, updateScimUser } from "@/lib/scim/users/scim-users";
import { userResource } from "@/lib/scim/users/user-resource";
import { freshDb } from "../db";
import { ctxFor, makeUser, uniq } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const { db } = await freshDb();
const admin = await makeUser(db, { admin: true });
const scimCtx = () => ctxFor(db, { type: "scim-token", id: "at-test" });

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const userName = `${uniq("u")}@example.com`;
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName,
    name: { givenName: "Avery", familyName: "Quinn" },
    emails: [{ primary: true, type: "work", value: userName }],
    active: true,
    ...overrides,
  };
}
const create = (b: Record<string, unknown> = body()) => createScimUser(scimCtx(), parseUserBody(b, true));

beforeEach(async () => {
  await disableScim(ctxFor(db, { type: "user", id: admin.id }));
  await setSaml(db, true);
  await setScim(db, "enabled");
});

describe("SCIM user input", () => {
  it("accepts Entra's string booleans, keys in any case and URN-prefixed keys; ignores the unknown", () => {
    const a = parseUserBody(
      {
        UserName: "A@x.io",
        "urn:ietf:params:scim:schemas:core:2.0:User:displayName": "A",
        Emails: [{ Value: "a@x.io", Type: "work", Primary: "True" }],
        active: "False",
        password: "secret",
        phoneNumbers: [{ value: "1" }],
        id: "ignored",
      },
      true,
    );
    expect(a).toMatchObject({ userName: "A@x.io", displayName: "A", email: "a@x.io", emailType: "work", active: false });
  });

  it("400 invalidValue without userName or a valid email; the primary email wins", () => {
    expect(() => parseUserBody({ emails: [{ value: "a@x.io" }] }, true)).toThrow(expect.objectContaining({ details: { scimType: "invalidValue" } }));
    expect(() => parseUserBody({ userName: "", emails: [{ value: "a@x.io" }] }, true)).toThrow();
    expect(() => parseUserBody({ userName: "a" }, true)).toThrow(/email/);
    expect(() => parseUserBody({ userName: "a", emails: [{ value: "a@@x.io" }] }, true)).toThrow();
    expect(() => parseUserBody({ userName: "a", emails: [{ value: "a b@x.io" }] }, true)).toThrow();
    expect(() => parseUserBody({ userName: "x".repeat(256), emails: [{ value: "a@x.io" }] }, true)).toThrow(/255/);
    expect(() => parseUserBody({ userName: "a", emails: [{ value: "a@x.io" }], active: "yes" }, true)).toThrow(/boolean/);
    const p = parseUserBody({ userName: "a", emails: [{ value: "first@x.io" }, { value: "primary@x.io", primary: true }] }, true);
    expect(p.email).toBe("primary@x.io");
    expect(parseUserBody({ userName: "a", emails: [{ value: "a@x.io" }] }, false).active).toBe(false);
  });
});

describe("SCIM users", () => {
  it("creates a user with a generated username and echoes what the IdP sent", async () => {
    const b = body({ externalId: uniq("ext"), displayName: "Avery Quinn" });
    const { identity, user } = await create(b);
    expect(user.username).not.toBe(b.userName);
    expect(user.passwordHash).toBeNull();
    const res = userResource(identity, user, "https://roster.example/scim/v2");
    expect(res).toMatchObject({
      id: identity.id,
      userName: b.userName,
      externalId: b.externalId,
      name: { givenName: "Avery", familyName: "Quinn" },
      displayName: "Avery Quinn",
      emails: [{ value: b.userName, primary: true, type: "work" }],
      active: true,
      meta: { resourceType: "User", location: `https://roster.example/scim/v2/Users/${identity.id}` },
    });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, identity.id));
    expect(event).toMatchObject({ action: "scim-user.create", actorType: "scim-token", actorId: "at-test" });
  });

  it("audits names of astral characters (surrogate pairs) whole: a summary cut never splits a pair", async () => {
    // "a" + 254 emoji: 255 code points (the limit), 509 UTF-16 units.
    const userName = "a" + "\u{1F600}".repeat(254);
    const { identity } = await create(body({ userName, displayName: "\u{1F680}".repeat(255) }));
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, identity.id));
    expect(event).toMatchObject({ action: "scim-user.create", summary: { userName } });
    const renamed = "b" + "\u{1F680}".repeat(254);
    await updateScimUser(scimCtx(), identity.id, "update", (a) => ({ ...a, userName: renamed }));
    expect((await getScimUser(db, identity.id)).identity.userName).toBe(renamed);
  });

  it("links an existing Roster user by email instead of duplicating", async () => {
    const existing = await makeUser(db, { email: `${uniq("Link")}@Example.com` });
    const { identity, user } = await create(body({ emails: [{ value: existing.email.toLowerCase() }] }));
    expect(user.id).toBe(existing.id);
    expect(user.email).toBe(existing.email);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, identity.id));
    expect(event!.action).toBe("scim-user.link");
    // Linking twice is a conflict.
    await expect(create(body({ emails: [{ value: existing.email }] }))).rejects.toMatchObject({ code: "conflict", details: { scimType: "uniqueness" } });
  });

  it("never links a recovery admin (password + manual grant)", async () => {
    const recovery = await makeUser(db, { admin: true });
    await expect(create(body({ emails: [{ value: recovery.email }] }))).rejects.toMatchObject({
      code: "conflict",
      message: "email belongs to a local administrator account",
    });
    expect(await db.select().from(scimIdentities).where(eq(scimIdentities.userId, recovery.id))).toEqual([]);
  });

  it("409 on a userName taken case-insensitively, and K parallel creates give one winner", async () => {
    const b = body();
    await create(b);
    await expect(create(body({ userName: (b.userName as string).toUpperCase() }))).rejects.toMatchObject({ code: "conflict" });
    const shared = `${uniq("race")}@example.com`;
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => create(body({ userName: shared, emails: [{ value: `r${i}-${shared}` }] }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict", details: { scimType: "uniqueness" } });
  });

  it("a create's 409 names the SCIM user holding the userName, externalId or email, for its activity row", async () => {
    const holder = await create(body({ externalId: uniq("ext") }));
    const conflictWith = (id: string | undefined) => ({ code: "conflict", details: { scimType: "uniqueness", conflictsWith: id ? { resourceType: "User", resourceId: id } : undefined } });
    const { userName, externalId } = holder.identity;
    await expect(create(body({ userName: userName.toUpperCase() }))).rejects.toMatchObject(conflictWith(holder.identity.id));
    await expect(create(body({ externalId }))).rejects.toMatchObject(conflictWith(holder.identity.id));
    // The email of a linked Roster user (the link path) and of a local admin no SCIM user holds.
    await expect(create(body({ emails: [{ value: holder.user.email.toUpperCase() }] }))).rejects.toMatchObject(conflictWith(holder.identity.id));
    const recovery = await makeUser(db, { admin: true });
    const refused = await create(body({ emails: [{ value: recovery.email }] })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "conflict" });
    expect((refused as { details: Record<string, unknown> }).details.conflictsWith).toBeUndefined();
  });

  it("deactivates and reactivates through active; an admin's suspension is never lifted by SCIM", async () => {
    const { identity, user } = await create();
    const off = (a: UserAttributes) => ({ ...a, active: false });
    const on = (a: UserAttributes) => ({ ...a, active: true });
    const c = scimCtx();
    const after = await updateScimUser(c, identity.id, "update", off);
    expect(after.user).toMatchObject({ suspendedBy: "scim" });
    expect(after.user.sessionVersion).toBe(user.sessionVersion + 1);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(event).toMatchObject({ action: "scim-user.deactivate", summary: { changed: ["active"] } });
    expect((await updateScimUser(scimCtx(), identity.id, "update", on)).user.suspendedAt).toBeNull();
    await db.update(users).set({ suspendedAt: new Date(), suspendedBy: "admin" }).where(eq(users.id, user.id));
    const before = await getScimUser(db, identity.id);
    const c2 = scimCtx();
    const kept = await updateScimUser(c2, identity.id, "update", on);
    expect(kept.user.suspendedBy).toBe("admin");
    // Nothing changed: a noop, and lastModified stays (SPEC §14).
    expect(kept.identity.updatedAt).toEqual(before.identity.updatedAt);
    const [noop] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c2.requestId));
    expect(noop).toMatchObject({ action: "scim-user.update", outcome: "noop" });
    // With another change, only that change is recorded.
    const c3 = scimCtx();
    await updateScimUser(c3, identity.id, "update", (a) => ({ ...a, active: true, displayName: "Renamed" }));
    const [renamed] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c3.requestId));
    expect(renamed).toMatchObject({ action: "scim-user.update", outcome: "success", summary: { changed: ["displayName"] } });
    expect((await getScimUser(db, identity.id)).user.suspendedBy).toBe("admin");
  });

  it("linking an admin-suspended user with active: true keeps the suspension and audits the state it ended in", async () => {
    const existing = await makeUser(db, { admin: false });
    await db.update(users).set({ suspendedAt: new Date(), suspendedBy: "admin" }).where(eq(users.id, existing.id));
    const c = scimCtx();
    const { identity, user } = await createScimUser(c, parseUserBody(body({ userName: existing.email, emails: [{ value: existing.email }], active: true }), true));
    expect(user.suspendedBy).toBe("admin");
    expect(userResource(identity, user, "https://x").active).toBe(false);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(event).toMatchObject({ action: "scim-user.link", summary: { userId: existing.id, active: false } });
  });

  it("parallel writes to one user never lose an update and are each audited once", async () => {
    const { identity } = await create(body({ displayName: "" }));
    const contexts = Array.from({ length: 12 }, () => scimCtx());
    const appendX = (a: UserAttributes) => ({ ...a, displayName: `${a.displayName ?? ""}x` });
    const results = await Promise.allSettled(contexts.map((c) => updateScimUser(c, identity.id, "update", appendX)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect((await getScimUser(db, identity.id)).identity.displayName).toBe("x".repeat(12));
    for (const c of contexts) {
      const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
      expect(events.map((e) => e.action)).toEqual(["scim-user.update"]);
    }
  });

  it("an unfiltered list's total (trigger-kept counter) equals count(*) after creates, deletes, failures and a disable", async () => {
    const expectExact = async () => {
      const [row] = await db.select({ n: count() }).from(scimIdentities);
      expect((await listScimUsers(db, null, 1, 0)).total).toBe(row!.n);
      expect((await listScimUsers(db, null, 1, 5)).total).toBe(row!.n);
      expect((await listScimUsers(db, null, 1_000_000, 5)).total).toBe(row!.n);
    };
    await expectExact();
    const made = await Promise.all(Array.from({ length: 6 }, () => create()));
    const taken = made[0]!.identity.userName;
    await expect(create(body({ userName: taken }))).rejects.toMatchObject({ code: "conflict" });
    await expectExact();
    await deleteScimUser(scimCtx(), made[1]!.identity.id);
    await expectExact();
    await disableScim(ctxFor(db, { type: "user", id: admin.id }));
    await expectExact();
    expect((await listScimUsers(db, null, 1, 0)).total).toBe(0);
  });

  it("a write that changes nothing is a noop and does not bump lastModified", async () => {
    const { identity } = await create();
    const c = scimCtx();
    const same = await updateScimUser(c, identity.id, "replace", (a) => ({ ...a }));
    expect(same.identity.updatedAt.getTime()).toBe(identity.updatedAt.getTime());
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(event).toMatchObject({ action: "scim-user.replace", outcome: "noop" });
  });

  it("409 when a new email belongs to another user; 404 for unknown and malformed ids", async () => {
    const a = await create();
    const b = await create();
    await expect(updateScimUser(scimCtx(), a.identity.id, "replace", (x) => ({ ...x, email: b.user.email.toUpperCase() }))).rejects.toMatchObject({
      code: "conflict",
    });
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      await expect(getScimUser(db, id)).rejects.toMatchObject({ code: "not_found" });
      await expect(updateScimUser(scimCtx(), id, "update", (x) => x)).rejects.toMatchObject({ code: "not_found" });
      await expect(deleteScimUser(scimCtx(), id)).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("DELETE removes the identity and suspends the user, who stays; a second DELETE is 404", async () => {
    const { identity, user } = await create();
    await db.update(users).set({ siteAdminScim: true }).where(eq(users.id, user.id));
    await deleteScimUser(scimCtx(), identity.id);
    const [kept] = await db.select().from(users).where(eq(users.id, user.id));
    expect(kept).toMatchObject({ suspendedBy: "scim", siteAdminScim: false });
    await expect(getScimUser(db, identity.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteScimUser(scimCtx(), identity.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists SCIM users only, filters by every supported attribute, pages with exact totals", async () => {
    const tag = uniq("list");
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await create(body({ userName: `${tag}-${i}@example.com`, externalId: `${tag}-ext-${i}`, displayName: `${tag} Person ${i}` })));
    await makeUser(db); // not SCIM-managed: never listed
    const one = made[1]!;
    const cases = [
      { attribute: "userName" as const, value: `${tag}-1@EXAMPLE.com` },
      { attribute: "externalId" as const, value: `${tag}-ext-1` },
      { attribute: "id" as const, value: one.identity.id },
      { attribute: "displayName" as const, value: `${tag} person 1`.toUpperCase() },
      { attribute: "emails.value" as const, value: one.user.email.toUpperCase() },
    ];
    for (const f of cases) {
      const r = await listScimUsers(db, f, 1, 100);
      expect(r.total, f.attribute).toBe(1);
      expect(r.rows[0]!.identity.id).toBe(one.identity.id);
    }
    expect((await listScimUsers(db, { attribute: "externalId", value: `${tag}-EXT-1` }, 1, 100)).total).toBe(0);
    expect((await listScimUsers(db, { attribute: "id", value: "nope" }, 1, 100)).total).toBe(0);
    // Past the end of a filtered list: no rows, the exact total still.
    expect(await listScimUsers(db, cases[0]!, 5, 10)).toEqual({ total: 1, rows: [] });
    expect((await listScimUsers(db, cases[0]!, 1, 0)).total).toBe(1);
    const all = await listScimUsers(db, null, 1, 1000);
    const page = await listScimUsers(db, null, 2, 2);
    expect(page.total).toBe(all.total);
    expect(page.rows.map((r) => r.identity.id)).toEqual(all.rows.slice(1, 3).map((r) => r.identity.id));
    expect((await listScimUsers(db, null, 1, 0)).rows).toEqual([]);
  });

  it("every page of the unfiltered list is exact, walked from either end, also among users created in one instant", async () => {
    // Nine users created in one statement share created_at: only the id orders them.
    const tag = uniq("same-instant");
    await db.execute(sql`
      with u as (
        insert into users (id, username, email)
        select ${tag} || '-' || g, ${tag} || '-' || g, ${tag} || '.' || g || '@example.com' from generate_series(1, 9) g
        returning id, email)
      insert into scim_identities (user_id, user_name) select id, email from u`);
    await create();
    const expected = rowsOf<{ id: string }>(await db.execute(sql`select id from scim_identities order by created_at, id`)).map((r) => r.id);
    const n = expected.length;
    expect(n).toBeGreaterThanOrEqual(10);
    for (const size of [1, 2, 3, 7, n]) {
      for (let start = 1; start <= n + 2; start++) {
        const page = await listScimUsers(db, null, start, size);
        expect(page.total).toBe(n);
        expect(page.rows.map((r) => r.identity.id), `startIndex ${start}, count ${size}`).toEqual(expected.slice(start - 1, start - 1 + size));
      }
    }
  });

  it("a page past the middle of the list skips from the end: the index walk covers at most half the list", async () => {
    for (let i = 0; i < 12; i++) await create();
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from scim_identities`)) as [{ n: number }];
    // Entries of the (created_at, id) index the page's subqueries read, with the plan PostgreSQL
    // picks on a large table (an index walk, not a sort of the whole table).
    const walked = (start: number, size: number) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_sort = off`);
        const [row] = rowsOf<Record<string, unknown>>(await tx.execute(sql`explain (analyze, format json) ${unfilteredPage(tx, start, size)}`));
        const plan = Object.values(row!)[0];
        const nodes: Record<string, unknown>[] = [];
        const visit = (node: Record<string, unknown>) => {
          nodes.push(node);
          for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
        };
        visit((typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan);
        return nodes
          .filter((node) => /^p(_\d+)?$/.test(String(node.Alias)) && node["Index Name"] === "scim_identities_created_id_idx")
          .reduce((sum, node) => sum + Number(node["Actual Rows"]) * Number(node["Actual Loops"] ?? 1), 0);
      });
    expect(await walked(1, 2)).toBe(2);
    expect(await walked(n - 1, 2)).toBe(2); // the last two users: two entries read, from the end
    expect(await walked(n - 4, 2)).toBe(5);
    expect(await walked(Math.floor(n / 2), 1)).toBeLessThanOrEqual(Math.ceil(n / 2) + 1);
  });

  it("refuses every write while paused or disabled (state read inside the transaction)", async () => {
    const { identity } = await create();
    await setScim(db, "paused");
    await expect(create()).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateScimUser(scimCtx(), identity.id, "update", (a) => ({ ...a, active: false }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteScimUser(scimCtx(), identity.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await getScimUser(db, identity.id)).user.suspendedAt).toBeNull();
  });
});
