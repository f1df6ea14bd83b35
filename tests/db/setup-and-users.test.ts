import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { completeSetup, isSetupOpen } from "@/lib/admin/setup/complete-setup";
import { createLocalUser } from "@/lib/admin/users/create-local-user";
import { findUserByEmail, listUsers } from "@/lib/admin/users/user-queries";
import { freshDb, rowsOf } from "../db";
import { ctxFor, makeUser, uniq } from "../factories";

const { db } = await freshDb();

describe("first-admin setup", () => {
  it("creates exactly one site admin under concurrency and then closes", async () => {
    expect(await isSetupOpen(db)).toBe(true);
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        completeSetup(ctxFor(db), { email: `first-${i}-${uniq()}@example.com`, password: "correct horse battery staple" }),
      ),
    );
    const ok = attempts.filter((a) => a.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toMatchObject({ code: "conflict" });
    expect(await isSetupOpen(db)).toBe(false);
    const admin = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof completeSetup>>>).value;
    expect(admin.siteAdminManual).toBe(true);
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, admin.id));
    expect(events.map((e) => e.action)).toEqual(["setup.complete"]);
    await expect(
      completeSetup(ctxFor(db), { email: `late-${uniq()}@example.com`, password: "correct horse battery staple" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("local users", () => {
  it("keeps emails unique case-insensitively and writes nothing on error", async () => {
    const email = `${uniq("Case")}@Example.com`;
    await makeUser(db, { email });
    const before = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events`))[0]!.n;
    await expect(makeUser(db, { email: email.toLowerCase() })).rejects.toMatchObject({ code: "invalid_value" });
    const after = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events`))[0]!.n;
    expect(after).toBe(before);
    expect((await findUserByEmail(db, email.toUpperCase()))?.email).toBe(email);
  });

  it("validates email and password length", async () => {
    const ctx = ctxFor(db);
    await expect(createLocalUser(ctx, { email: "no-at-sign", password: "x".repeat(12), isSiteAdmin: false })).rejects.toMatchObject({
      details: { pointer: "/data/attributes/email" },
    });
    await expect(createLocalUser(ctx, { email: "a@@b", password: "x".repeat(12), isSiteAdmin: false })).rejects.toMatchObject({ code: "invalid_value" });
    await expect(createLocalUser(ctx, { email: `${uniq()}@example.com`, password: "short", isSiteAdmin: false })).rejects.toMatchObject({
      details: { pointer: "/data/attributes/password" },
    });
  });

  it("lists users with search and paging", async () => {
    const tag = uniq("needle");
    for (let i = 0; i < 3; i++) await makeUser(db, { email: `${tag}-${i}@example.com` });
    const page1 = await listUsers(db, { q: tag.toUpperCase(), page: 1, size: 2 });
    expect(page1.total).toBe(3);
    expect(page1.rows.map((r) => r.user.email)).toEqual([`${tag}-0@example.com`, `${tag}-1@example.com`]);
    const page2 = await listUsers(db, { q: tag, page: 2, size: 2 });
    expect(page2.rows.map((r) => r.user.email)).toEqual([`${tag}-2@example.com`]);
    expect((await listUsers(db, { q: "%", page: 1, size: 5 })).total).toBe(0);
  });

  it("audit rows are append-only", async () => {
    const user = await makeUser(db);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id));
    expect(event).toBeDefined();
    await expect(db.update(auditEvents).set({ action: "user.delete" }).where(eq(auditEvents.id, event!.id))).rejects.toThrow();
    await expect(db.delete(auditEvents).where(eq(auditEvents.id, event!.id))).rejects.toThrow();
    const [still] = await db.select().from(auditEvents).where(eq(auditEvents.id, event!.id));
    expect(still!.action).toBe("user.create");
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.siteAdminManual).toBe(false);
  });
});
