import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { checkPasswordSignIn, SIGN_IN_LIMITS } from "@/lib/auth/password-sign-in";
import { freshDb } from "../db";
import { makeUser, uniq } from "../factories";

const { db } = await freshDb();
const ctx = () => ({ requestId: uniq("req"), now: new Date() });
const PASSWORD = "correct horse battery staple";

describe("password sign-in", () => {
  it("accepts the right password, case-insensitive email, and audits it", async () => {
    const user = await makeUser(db, { email: `${uniq("Mixed")}@Example.com` });
    const r = await checkPasswordSignIn(db, ctx(), user.email.toLowerCase(), PASSWORD);
    expect(r).toMatchObject({ ok: true, user: { id: user.id } });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id));
    expect(events.map((e) => e.action)).toContain("session.sign-in");
  });

  it("gives the same answer for a wrong password and an unknown email, and audits both", async () => {
    const user = await makeUser(db);
    const wrong = await checkPasswordSignIn(db, ctx(), user.email, "wrong password here");
    const unknown = await checkPasswordSignIn(db, ctx(), `${uniq("ghost")}@example.com`, PASSWORD);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, "session.sign-in-failed"));
    expect(events.some((e) => e.targetId === user.id && e.outcome === "failure")).toBe(true);
    expect(events.some((e) => e.targetId === null)).toBe(true);
    expect(JSON.stringify(events)).not.toContain("wrong password here");
  });

  it("refuses a suspended user even with the right password", async () => {
    const user = await makeUser(db);
    await db.update(users).set({ suspendedAt: new Date(), suspendedBy: "admin" }).where(eq(users.id, user.id));
    expect(await checkPasswordSignIn(db, ctx(), user.email, PASSWORD)).toEqual({ ok: false, reason: "suspended" });
  });

  it("refuses accounts without a password (SSO-only)", async () => {
    const user = await makeUser(db);
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    expect(await checkPasswordSignIn(db, ctx(), user.email, PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sign-in throttling", () => {
  it("refuses an account after 10 failures, even with the right password, without telling which", async () => {
    const user = await makeUser(db);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect(await checkPasswordSignIn(db, ctx(), user.email, `wrong-${i}`)).toEqual({ ok: false, reason: "invalid" });
    }
    const r = await checkPasswordSignIn(db, ctx(), user.email.toUpperCase(), PASSWORD);
    expect(r).toMatchObject({ ok: false, reason: "throttled" });
    expect((r as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(1);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id)).orderBy(auditEvents.id);
    expect(events.at(-1)).toMatchObject({ action: "session.sign-in-failed", summary: { method: "password", reason: "throttled" } });
    // Other accounts are unaffected.
    const other = await makeUser(db);
    expect(await checkPasswordSignIn(db, ctx(), other.email, PASSWORD)).toMatchObject({ ok: true });
  });

  it("throttles unknown emails the same way, and a client address across accounts", async () => {
    const ghost = `${uniq("ghost")}@example.com`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await checkPasswordSignIn(db, ctx(), ghost, "x");
    expect(await checkPasswordSignIn(db, ctx(), ghost, "x")).toMatchObject({ reason: "throttled" });

    const address = `203.0.113.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await checkPasswordSignIn(db, { ...ctx(), clientAddress: address }, `${uniq("spray")}@example.com`, "x");
    }
    const victim = await makeUser(db);
    expect(await checkPasswordSignIn(db, { ...ctx(), clientAddress: address }, victim.email, PASSWORD)).toMatchObject({ reason: "throttled" });
    expect(await checkPasswordSignIn(db, { ...ctx(), clientAddress: "198.51.100.7" }, victim.email, PASSWORD)).toMatchObject({ ok: true });
  });

  it("does not count successful sign-ins", async () => {
    const user = await makeUser(db);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount + 2; i++) {
      expect(await checkPasswordSignIn(db, ctx(), user.email, PASSWORD)).toMatchObject({ ok: true });
    }
  });
});
