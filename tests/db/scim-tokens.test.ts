import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, scimTokens } from "@/db/schema";
import {
  authenticateScimToken,
  createScimToken,
  getScimToken,
  listScimTokens,
  revokeScimToken,
  SCIM_TOKEN_LIMITS,
  touchScimToken,
} from "@/lib/scim/tokens/scim-tokens";
import { disableScim } from "@/lib/scim/settings/scim-settings";
import { createUserApiToken } from "@/lib/tokens/user-api-tokens";
import { generateToken } from "@/lib/tokens/token-format";
import type { Db } from "@/db/client";
import { freshDb, rowsOf } from "../db";
import { ctxFor, makeUser, TEST_KEYS } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const { db } = await freshDb();
const admin = await makeUser(db, { admin: true });
const ctx = (now?: Date) => ({ ...ctxFor(db, { type: "user", id: admin.id }), ...(now ? { now } : {}) });
const DAY = 86_400_000;

beforeEach(async () => {
  await disableScim(ctx());
  await setSaml(db, true);
  await setScim(db, "enabled");
});

describe("SCIM tokens", () => {
  it("creates with a 365-day default, shows the secret once, stores only a digest, audits without it", async () => {
    const c = ctx();
    const { token, secret } = await createScimToken(c, TEST_KEYS, { description: "Okta" });
    expect(token.id).toMatch(/^at-/);
    expect(secret).toMatch(/^roster_scim_/);
    expect(token.expiredAt.getTime() - c.now.getTime()).toBe(365 * DAY);
    expect(token.createdBy).toBe(admin.id);
    const dump = rowsOf<{ t: string }>(await db.execute(sql`select row_to_json(x)::text as t from scim_tokens x`));
    expect(dump.some((r) => r.t.includes(secret.slice(12, 40)))).toBe(false);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(events.map((e) => e.action)).toEqual(["scim-token.create"]);
    expect(JSON.stringify(events)).not.toContain(secret);
    expect((await listScimTokens(db)).map((t) => t.id)).toEqual([token.id]);
    expect((await getScimToken(db, token.id)).description).toBe("Okta");
  });

  it("accepts 29 to 365 days (with 24 h slack at the top) and refuses the rest", async () => {
    const now = new Date();
    const at = (ms: number) => createScimToken(ctx(now), TEST_KEYS, { expiresAt: new Date(now.getTime() + ms) });
    await expect(at(29 * DAY)).resolves.toBeDefined();
    // "Exactly 29 days" computed by a client a moment before the request arrives.
    await expect(at(29 * DAY - 2_000)).resolves.toBeDefined();
    await expect(at(365 * DAY + 23 * 3_600_000)).resolves.toBeDefined();
    for (const ms of [29 * DAY - 3_600_000, 28 * DAY, 20 * DAY, -DAY, 367 * DAY, 400 * DAY]) {
      await expect(at(ms)).rejects.toMatchObject({ code: "invalid_value", details: { pointer: "/data/attributes/expired-at" } });
    }
  });

  it("refuses creation while SCIM is disabled, allows it while paused", async () => {
    await setScim(db, "disabled");
    await expect(createScimToken(ctx(), TEST_KEYS, {})).rejects.toMatchObject({ message: "Enable SCIM provisioning first" });
    await setScim(db, "paused");
    await expect(createScimToken(ctx(), TEST_KEYS, {})).resolves.toBeDefined();
  });

  it(`holds the cap of ${SCIM_TOKEN_LIMITS.maxActive} active tokens under parallel creates`, async () => {
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => createScimToken(ctx(), TEST_KEYS, {})));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(25);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "invalid_value", message: expect.stringMatching(/At most 25/) });
    expect(await listScimTokens(db)).toHaveLength(25);
    // Expired and revoked tokens do not count.
    const first = (await listScimTokens(db))[0]!;
    await revokeScimToken(ctx(), first.id);
    await expect(createScimToken(ctx(), TEST_KEYS, {})).resolves.toBeDefined();
    await db.update(scimTokens).set({ expiredAt: new Date(Date.now() - 1000) }).where(eq(scimTokens.id, (await listScimTokens(db))[0]!.id));
    await expect(createScimToken(ctx(), TEST_KEYS, {})).resolves.toBeDefined();
    expect(await listScimTokens(db)).toHaveLength(26); // the expired one is still listed
  });

  it("authenticates only live SCIM tokens, together with the SCIM state", async () => {
    const { token, secret } = await createScimToken(ctx(), TEST_KEYS, {});
    const hit = await authenticateScimToken(db, TEST_KEYS, secret, new Date());
    expect(hit).toMatchObject({ token: { id: token.id }, settings: { enabled: true } });
    // Expired: refused on the request after expiry.
    expect(await authenticateScimToken(db, TEST_KEYS, secret, new Date(token.expiredAt.getTime() + 1))).toBeNull();
    // A user API token, unknown tokens and malformed ones (no query at all) are refused.
    const { secret: userSecret } = await createUserApiToken(ctx(), TEST_KEYS, { userId: admin.id });
    const explode = new Proxy({}, { get: () => { throw new Error("database used"); } }) as Db;
    for (const raw of [userSecret, "", "roster_scim_x", secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A")]) {
      expect(await authenticateScimToken(explode, TEST_KEYS, raw, new Date())).toBeNull();
    }
    expect(await authenticateScimToken(db, TEST_KEYS, generateToken("scim"), new Date())).toBeNull();
    // Revoked: refused on the very next request; other tokens keep working.
    const other = await createScimToken(ctx(), TEST_KEYS, {});
    await revokeScimToken(ctx(), token.id);
    expect(await authenticateScimToken(db, TEST_KEYS, secret, new Date())).toBeNull();
    expect(await authenticateScimToken(db, TEST_KEYS, other.secret, new Date())).not.toBeNull();
    await expect(revokeScimToken(ctx(), token.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getScimToken(db, token.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a disable revokes every token and re-enabling does not bring them back", async () => {
    const { secret } = await createScimToken(ctx(), TEST_KEYS, {});
    await disableScim(ctx());
    await setScim(db, "enabled");
    expect(await authenticateScimToken(db, TEST_KEYS, secret, new Date())).toBeNull();
    expect(await listScimTokens(db)).toEqual([]);
  });

  it("records last use at most once a minute", async () => {
    const { token } = await createScimToken(ctx(), TEST_KEYS, {});
    const t0 = new Date();
    await touchScimToken(db, token.id, t0);
    await touchScimToken(db, token.id, new Date(t0.getTime() + 59_000));
    expect((await getScimToken(db, token.id)).lastUsedAt?.getTime()).toBe(t0.getTime());
    await touchScimToken(db, token.id, new Date(t0.getTime() + 61_000));
    expect((await getScimToken(db, token.id)).lastUsedAt?.getTime()).toBe(t0.getTime() + 61_000);
  });
});
