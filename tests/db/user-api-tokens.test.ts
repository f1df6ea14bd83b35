import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, userApiTokens } from "@/db/schema";
import {
  authenticateUserApiToken,
  createUserApiToken,
  listUserApiTokens,
  revokeUserApiToken,
  touchUserApiToken,
} from "@/lib/tokens/user-api-tokens";
import { generateToken } from "@/lib/tokens/token-format";
import type { Db } from "@/db/client";
import { freshDb, rowsOf } from "../db";
import { ctxFor, makeUser, TEST_KEYS } from "../factories";

const { db } = await freshDb();

async function mint(userId: string, opts: { expiresAt?: Date; now?: Date } = {}) {
  const ctx = { ...ctxFor(db, { type: "user", id: userId }), ...(opts.now ? { now: opts.now } : {}) };
  return createUserApiToken(ctx, TEST_KEYS, { userId, description: "ci", expiresAt: opts.expiresAt });
}

describe("user API tokens", () => {
  it("stores only a digest, authenticates the secret and audits the creation", async () => {
    const user = await makeUser(db, { admin: true });
    const { token, secret } = await mint(user.id);
    expect(token.id).toMatch(/^ut-/);
    const [row] = await db.select().from(userApiTokens).where(eq(userApiTokens.id, token.id));
    expect(row!.secretDigest).not.toContain(secret);
    expect(row!.expiredAt.getTime() - row!.createdAt.getTime()).toBe(90 * 86_400_000);
    const dump = rowsOf<{ t: string }>(await db.execute(sql`select row_to_json(x)::text as t from user_api_tokens x`));
    expect(dump.some((r) => r.t.includes(secret.slice(11, 30)))).toBe(false);
    const hit = await authenticateUserApiToken(db, TEST_KEYS, secret, new Date());
    expect(hit?.user.id).toBe(user.id);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, token.id));
    expect(events.map((e) => e.action)).toEqual(["user-token.create"]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("lists a user's unrevoked tokens in creation order, then id (SPEC §13.12)", async () => {
    const user = await makeUser(db);
    const t0 = Date.now();
    const first = await mint(user.id, { now: new Date(t0 - 2_000) });
    const second = await mint(user.id, { now: new Date(t0 - 1_000) });
    const third = await mint(user.id, { now: new Date(t0) });
    await revokeUserApiToken(ctxFor(db, { type: "user", id: user.id }), second.token.id, user.id);
    expect((await listUserApiTokens(db, user.id)).map((t) => t.id)).toEqual([first.token.id, third.token.id]);
  });

  it("refuses malformed secrets without touching the database", async () => {
    const explode = new Proxy({}, { get: () => { throw new Error("database used"); } }) as Db;
    const good = generateToken("user");
    for (const raw of ["", "nope", good.slice(0, -1) + (good.endsWith("A") ? "B" : "A"), generateToken("scim")]) {
      expect(await authenticateUserApiToken(explode, TEST_KEYS, raw, new Date())).toBeNull();
    }
  });

  it("refuses unknown, expired and revoked tokens, and a digest from another secret", async () => {
    const user = await makeUser(db);
    expect(await authenticateUserApiToken(db, TEST_KEYS, generateToken("user"), new Date())).toBeNull();
    const now = new Date();
    const { secret } = await mint(user.id, { expiresAt: new Date(now.getTime() + 60_000) });
    expect(await authenticateUserApiToken(db, TEST_KEYS, secret, now)).not.toBeNull();
    expect(await authenticateUserApiToken(db, TEST_KEYS, secret, new Date(now.getTime() + 61_000))).toBeNull();
    expect(await authenticateUserApiToken(db, { AUTH_SECRET: "other-secret-other-secret-other-secret" }, secret, now)).toBeNull();
    const revoked = await mint(user.id);
    await revokeUserApiToken(ctxFor(db, { type: "user", id: user.id }), revoked.token.id, user.id);
    expect(await authenticateUserApiToken(db, TEST_KEYS, revoked.secret, new Date())).toBeNull();
    await expect(revokeUserApiToken(ctxFor(db, { type: "user", id: user.id }), revoked.token.id, user.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("only the owner can revoke a token", async () => {
    const owner = await makeUser(db);
    const other = await makeUser(db);
    const { token, secret } = await mint(owner.id);
    await expect(revokeUserApiToken(ctxFor(db, { type: "user", id: other.id }), token.id, other.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await authenticateUserApiToken(db, TEST_KEYS, secret, new Date())).not.toBeNull();
  });

  it("rejects expiry in the past or beyond 365 days", async () => {
    const user = await makeUser(db);
    await expect(mint(user.id, { expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: "invalid_value" });
    await expect(mint(user.id, { expiresAt: new Date(Date.now() + 367 * 86_400_000) })).rejects.toMatchObject({ code: "invalid_value" });
  });

  it("records last use at most once a minute", async () => {
    const user = await makeUser(db);
    const { token } = await mint(user.id);
    const t0 = new Date();
    await touchUserApiToken(db, token.id, t0);
    await touchUserApiToken(db, token.id, new Date(t0.getTime() + 30_000));
    let [row] = await db.select().from(userApiTokens).where(eq(userApiTokens.id, token.id));
    expect(row!.lastUsedAt?.getTime()).toBe(t0.getTime());
    const t1 = new Date(t0.getTime() + 61_000);
    await touchUserApiToken(db, token.id, t1);
    [row] = await db.select().from(userApiTokens).where(eq(userApiTokens.id, token.id));
    expect(row!.lastUsedAt?.getTime()).toBe(t1.getTime());
  });
});
