// Who may sign in with SSO (SPEC §8.8) and the sealed values that carry a sign-in across the
// browser's round trip: on both databases, through the same functions /saml/finish and Auth.js use.
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, scimSettings, users } from "@/db/schema";
import { completeSsoSignIn, publicReason, runSsoTest } from "@/lib/saml/sso-sign-in";
import {
  mintRequestId,
  openBinding,
  openResult,
  openTestReport,
  sealBinding,
  sealResult,
  sealTestReport,
  SSO_REQUEST_TTL_SECONDS,
  SSO_RESULT_TTL_SECONDS,
  verifyRequestId,
  type SsoResult,
} from "@/lib/saml/sso-tokens";
import { suspendUser } from "@/lib/admin/users/user-admin";
import { freshDb } from "../db";
import { ctxFor, makeUser, uniq } from "../factories";

const { db } = await freshDb();
const SECRET = "sso-test-secret-sso-test-secret-0123456789";
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

function result(email: string, rid: string | null = null, extra: Partial<SsoResult> = {}): SsoResult {
  return { assertionId: `_${randomBytes(16).toString("hex")}`, email, emails: [email], rid, test: false, relayPath: null, ...extra };
}

async function setScim(state: "off" | "on" | "paused") {
  await db.update(scimSettings).set({ enabled: state !== "off", paused: state === "paused" });
}

async function eventsFor(requestId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
}

async function userByEmail(email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

describe("sealed values", () => {
  it("request ids verify themselves, carry the test flag and expire", () => {
    const now = new Date();
    const id = mintRequestId(SECRET, { test: false, now });
    expect(id).toMatch(/^_[A-Za-z0-9._-]+$/); // an xsd:ID
    expect(verifyRequestId(SECRET, id, now)).toEqual({ id, test: false });
    expect(verifyRequestId(SECRET, mintRequestId(SECRET, { test: true, now }), now)?.test).toBe(true);
    expect(verifyRequestId("another-secret-another-secret-0123456789", id, now)).toBeNull();
    expect(verifyRequestId(SECRET, id, later(SSO_REQUEST_TTL_SECONDS + 1))).toBeNull();
    // Flipping the test flag or the expiry breaks the MAC.
    expect(verifyRequestId(SECRET, id.replace(".s.", ".t."), now)).toBeNull();
    expect(verifyRequestId(SECRET, id.replace(/\.(\d+)\./, (_m, e: string) => `.${Number(e) + 3600}.`), now)).toBeNull();
    expect(verifyRequestId(SECRET, "_made-up", now)).toBeNull();
    expect(verifyRequestId(SECRET, null, now)).toBeNull();
  });

  it("results, bindings and reports open only with their own key, untampered and in time", () => {
    const now = new Date();
    const r = result("a@example.com", "_rid");
    const sealed = sealResult(SECRET, r, now);
    expect(openResult(SECRET, sealed, now)).toEqual(r);
    expect(openResult(SECRET, sealed, later(SSO_RESULT_TTL_SECONDS + 1))).toBeNull();
    const [body, mac] = sealed.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), email: "admin@example.com" })).toString("base64url");
    expect(openResult(SECRET, `${forgedBody}.${mac}`, now)).toBeNull();
    // A binding cookie is not a result, and neither is a test report.
    const binding = sealBinding(SECRET, { rid: "_rid", callbackUrl: "/app" }, now);
    expect(openBinding(SECRET, binding, now)).toEqual({ rid: "_rid", callbackUrl: "/app" });
    expect(openResult(SECRET, binding, now)).toBeNull();
    expect(openBinding(SECRET, sealed, now)).toBeNull();
    const report = sealTestReport(SECRET, { ok: true, outcome: "would_sign_in", email: "a@example.com", ref: "r" }, now);
    expect(openTestReport(SECRET, report, now)?.outcome).toBe("would_sign_in");
    expect(openTestReport(SECRET, sealed, now)).toBeNull();
  });

  it("the browser is told only the two refusals it can act on", () => {
    expect(publicReason("not_provisioned")).toBe("not_provisioned");
    expect(publicReason("suspended")).toBe("suspended");
    for (const r of ["invalid_signature", "wrong_issuer", "replayed", "browser_mismatch", "expired"] as const) expect(publicReason(r)).toBe("failed");
  });
});

describe("who may sign in", () => {
  beforeEach(() => setScim("on"));

  it("while SCIM is on, an existing active user signs in, matched by email case-insensitively", async () => {
    const user = await makeUser(db);
    const ctx = ctxFor(db);
    const out = await completeSsoSignIn(ctx, result(user.email.toUpperCase()), null);
    expect(out).toMatchObject({ ok: true, created: false, user: { id: user.id } });
    const [event] = await eventsFor(ctx.requestId);
    expect(event).toMatchObject({ action: "session.sign-in", outcome: "success", actorId: user.id, targetId: user.id, summary: { method: "saml" } });
  });

  it("tries each email the assertion names: a UPN NameID, then the mail claim SCIM provisioned", async () => {
    const user = await makeUser(db);
    const upn = `${uniq("upn")}@corp.example.test`;
    const out = await completeSsoSignIn(ctxFor(db), result(upn, null, { emails: [upn, user.email.toUpperCase()] }), null);
    expect(out).toMatchObject({ ok: true, created: false, user: { id: user.id } });
    // With SCIM off, a user is found the same way before any is created.
    await setScim("off");
    const again = await completeSsoSignIn(ctxFor(db), result(upn, null, { emails: [upn, user.email] }), null);
    expect(again).toMatchObject({ ok: true, created: false, user: { id: user.id } });
    expect(await userByEmail(upn)).toBeNull();
  });

  for (const state of ["on", "paused"] as const) {
    it(`while SCIM is ${state}, an unknown email is refused and no user is created`, async () => {
      await setScim(state);
      const email = `${uniq("nobody")}@example.com`;
      const ctx = ctxFor(db);
      expect(await completeSsoSignIn(ctx, result(email), null)).toEqual({ ok: false, reason: "not_provisioned" });
      expect(await userByEmail(email)).toBeNull();
      const [event] = await eventsFor(ctx.requestId);
      expect(event).toMatchObject({ action: "session.sign-in-failed", outcome: "failure", summary: { method: "saml", reason: "not_provisioned", email } });
    });
  }

  it("while SCIM is off, the first SSO sign-in creates the user without a password or role", async () => {
    await setScim("off");
    const email = `${uniq("jit")}@Example.com`;
    const ctx = ctxFor(db);
    const out = await completeSsoSignIn(ctx, result(email.toLowerCase()), null);
    expect(out).toMatchObject({ ok: true, created: true });
    const row = await userByEmail(email);
    expect(row).toMatchObject({ passwordHash: null, siteAdminManual: false, siteAdminScim: false, suspendedAt: null });
    // One event per request: the sign-in, which records the creation.
    const events = await eventsFor(ctx.requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "session.sign-in", targetId: row!.id, summary: { method: "saml", created: true, email: email.toLowerCase() } });
    // The second sign-in finds the same user.
    const again = await completeSsoSignIn(ctxFor(db), result(email), null);
    expect(again).toMatchObject({ ok: true, created: false, user: { id: row!.id } });
  });

  it("concurrent first sign-ins of one email create one user", async () => {
    await setScim("off");
    const email = `${uniq("race")}@example.com`;
    const outs = await Promise.all(Array.from({ length: 5 }, () => completeSsoSignIn(ctxFor(db), result(email), null)));
    expect(outs.every((o) => o.ok)).toBe(true);
    const ids = new Set(outs.map((o) => (o.ok ? o.user.id : null)));
    expect(ids.size).toBe(1);
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`lower(${users.email}) = ${email}`)) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("a suspended user is refused, and the refusal names them in the audit log", async () => {
    const admin = await makeUser(db, { admin: true });
    const user = await makeUser(db);
    await suspendUser(ctxFor(db, { type: "user", id: admin.id }), user.id);
    const ctx = ctxFor(db);
    expect(await completeSsoSignIn(ctx, result(user.email), null)).toEqual({ ok: false, reason: "suspended" });
    const [event] = await eventsFor(ctx.requestId);
    expect(event).toMatchObject({ action: "session.sign-in-failed", targetId: user.id, summary: { reason: "suspended" } });
  });

  it("an SP-initiated result needs the browser that started it; an IdP-initiated one has none", async () => {
    const user = await makeUser(db);
    const rid = mintRequestId(SECRET, { test: false, now: new Date() });
    expect(await completeSsoSignIn(ctxFor(db), result(user.email, rid), null)).toEqual({ ok: false, reason: "browser_mismatch" });
    expect(await completeSsoSignIn(ctxFor(db), result(user.email, rid), "_another-request")).toEqual({ ok: false, reason: "browser_mismatch" });
    expect(await completeSsoSignIn(ctxFor(db), result(user.email, rid), rid)).toMatchObject({ ok: true });
    expect(await completeSsoSignIn(ctxFor(db), result(user.email, null), null)).toMatchObject({ ok: true });
  });

  it("a verified result signs in once", async () => {
    const user = await makeUser(db);
    const r = result(user.email);
    expect(await completeSsoSignIn(ctxFor(db), r, null)).toMatchObject({ ok: true });
    const ctx = ctxFor(db);
    expect(await completeSsoSignIn(ctx, r, null)).toEqual({ ok: false, reason: "replayed" });
    expect((await eventsFor(ctx.requestId))[0]).toMatchObject({ action: "session.sign-in-failed", summary: { reason: "replayed" } });
    // Many at once: exactly one wins.
    const r2 = result(user.email);
    const outs = await Promise.all(Array.from({ length: 4 }, () => completeSsoSignIn(ctxFor(db), r2, null)));
    expect(outs.filter((o) => o.ok)).toHaveLength(1);
  });
});

describe("test sign-in", () => {
  it("reports what a real sign-in would do and creates nothing", async () => {
    const admin = await makeUser(db, { admin: true });
    const asAdmin = () => ctxFor(db, { type: "user", id: admin.id });
    const user = await makeUser(db);
    const unknown = `${uniq("test-unknown")}@example.com`;

    await setScim("on");
    expect(await runSsoTest(asAdmin(), result(user.email, null, { test: true }), null)).toEqual({ ok: true, outcome: "would_sign_in" });
    expect(await runSsoTest(asAdmin(), result(unknown, null, { test: true }), null)).toEqual({ ok: true, outcome: "not_provisioned" });
    await setScim("off");
    const ctx = asAdmin();
    expect(await runSsoTest(ctx, result(unknown, null, { test: true }), null)).toEqual({ ok: true, outcome: "would_create" });
    expect(await userByEmail(unknown)).toBeNull();
    const [event] = await eventsFor(ctx.requestId);
    expect(event).toMatchObject({ action: "session.sign-in", outcome: "noop", actorId: admin.id, summary: { method: "saml", test: true, outcome: "would_create" } });

    await suspendUser(asAdmin(), user.id);
    expect(await runSsoTest(asAdmin(), result(user.email, null, { test: true }), null)).toEqual({ ok: true, outcome: "suspended" });
    // Its browser binding and one-time use are those of a real sign-in.
    const rid = mintRequestId(SECRET, { test: true, now: new Date() });
    expect(await runSsoTest(asAdmin(), result(user.email, rid, { test: true }), null)).toEqual({ ok: false, reason: "browser_mismatch" });
    const once = result(user.email, rid, { test: true });
    expect(await runSsoTest(asAdmin(), once, rid)).toMatchObject({ ok: true });
    expect(await runSsoTest(asAdmin(), once, rid)).toEqual({ ok: false, reason: "replayed" });
    // No session was made by any of it.
    const signIns = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "session.sign-in"), eq(auditEvents.outcome, "success"), eq(auditEvents.actorId, admin.id)));
    expect(signIns).toHaveLength(0);
  });
});
