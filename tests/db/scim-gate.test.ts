import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { generateToken } from "@/lib/tokens/token-format";
import { leaseSize } from "@/lib/rate-limit/lease";
import { rowsOf } from "@/db/rows";
import { authorizeScimRequest, SCIM_AUTH_FAILURE_LIMIT, type ScimCredentials } from "@/lib/http/with-scim-token";
import { createScimToken, revokeScimToken } from "@/lib/scim/tokens/scim-tokens";
import { disableScim } from "@/lib/scim/settings/scim-settings";
import { createUserApiToken } from "@/lib/tokens/user-api-tokens";
import { createScimUser, getScimUser, updateScimUser } from "@/lib/scim/users/scim-users";
import { parseUserBody } from "@/lib/scim/users/user-attributes";
import { freshDb } from "../db";
import { ctxFor, makeUser, TEST_KEYS, uniq } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const { db } = await freshDb();
const admin = await makeUser(db, { admin: true });
const ctx = () => ctxFor(db, { type: "user", id: admin.id });
const BIG = { rate: 1000, burst: 1000 };

const creds = (authorization: string | null, extra: Partial<ScimCredentials> = {}): ScimCredentials => ({
  authorization,
  tokenInQuery: false,
  clientAddress: uniq("addr"),
  ...extra,
});
const gate = (c: ScimCredentials, kind: "discovery" | "resource" = "resource", budget = BIG) =>
  authorizeScimRequest(db, TEST_KEYS, c, kind, new Date(), budget);

beforeEach(async () => {
  await disableScim(ctx());
  await setSaml(db, true);
  await setScim(db, "enabled");
});

describe("SCIM gate", () => {
  it("401 for missing, malformed, unknown, revoked and user API tokens, and for tokens in the query string", async () => {
    const { secret, token } = await createScimToken(ctx(), TEST_KEYS, {});
    const { secret: userToken } = await createUserApiToken(ctx(), TEST_KEYS, { userId: admin.id });
    for (const auth of [null, "", "Basic abc", "Bearer", "Bearer nope", `Bearer ${userToken}`, `bearer ${secret}x`]) {
      await expect(gate(creds(auth)), String(auth)).rejects.toMatchObject({ code: "unauthorized" });
    }
    await expect(gate(creds(`Bearer ${secret}`, { tokenInQuery: true }))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(gate(creds(`Bearer ${secret}`))).resolves.toMatchObject({ token: { id: token.id } });
    await revokeScimToken(ctx(), token.id);
    await expect(gate(creds(`Bearer ${secret}`))).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("403 on Users/Groups while disabled or paused; discovery answers while paused", async () => {
    const { secret, token } = await createScimToken(ctx(), TEST_KEYS, {});
    await setScim(db, "paused");
    // The refusal names the token, so its activity row does too.
    await expect(gate(creds(`Bearer ${secret}`))).rejects.toMatchObject({ code: "forbidden", message: "SCIM provisioning is paused", details: { tokenId: token.id } });
    await expect(gate(creds(`Bearer ${secret}`), "discovery")).resolves.toBeDefined();
    // While disabled no token can exist after a disable; a token left by a direct state change is still refused with 403.
    await setScim(db, "disabled");
    await expect(gate(creds(`Bearer ${secret}`))).rejects.toMatchObject({ code: "forbidden", message: "SCIM provisioning is disabled" });
    await expect(gate(creds(`Bearer ${secret}`), "discovery")).resolves.toBeDefined();
  });

  it("429 over the site-wide budget for Users/Groups, never for discovery, and 401 before 429", async () => {
    const { secret: fresh, token } = await createScimToken(ctx(), TEST_KEYS, {});
    // The site bucket is clamped to the burst given, so a tiny budget allows 2 and refuses the 3rd.
    const tiny = { rate: 0.001, burst: 2 };
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await gate(creds(`Bearer ${fresh}`), "resource", tiny).then(() => "ok", (e) => e.code));
    expect(results).toEqual(["ok", "ok", "rate_limited"]);
    const limited = await gate(creds(`Bearer ${fresh}`), "resource", tiny).catch((e) => e);
    expect(limited).toMatchObject({ code: "rate_limited", details: { retryAfter: expect.any(Number), tokenId: token.id } });
    expect(limited.details.retryAfter).toBeGreaterThanOrEqual(1);
    await expect(gate(creds(`Bearer ${fresh}`), "discovery", tiny)).resolves.toBeDefined();
    await expect(gate(creds("Bearer bad"), "resource", tiny)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("debits the site budget in the same statement only for a usable token", async () => {
    await db.execute(sql`delete from rate_limit_buckets where key = 'scim-site'`);
    const tiny = { rate: 0.001, burst: 2 };
    const { secret, token } = await createScimToken(ctx(), TEST_KEYS, {});
    const { secret: revoked, token: revokedToken } = await createScimToken(ctx(), TEST_KEYS, {});
    await revokeScimToken(ctx(), revokedToken.id);
    for (const bad of [generateToken("scim"), generateToken("scim"), revoked, revoked]) {
      await expect(gate(creds(`Bearer ${bad}`), "resource", tiny)).rejects.toMatchObject({ code: "unauthorized" });
    }
    const ok = await gate(creds(`Bearer ${secret}`), "resource", tiny);
    expect(ok).toMatchObject({ token: { id: token.id }, settings: { enabled: true, paused: false }, bucket: { allowed: true } });
    expect(ok.bucket!.remaining).toBeCloseTo(1, 1);
    await expect(gate(creds(`Bearer ${secret}`), "resource", tiny)).resolves.toBeDefined();
    await expect(gate(creds(`Bearer ${secret}`), "resource", tiny)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("reads the SCIM user a request names in the gate's statement, with or without a debit, and a write re-reads a stale one", async () => {
    const { secret } = await createScimToken(ctx(), TEST_KEYS, {});
    const scimCtx = () => ctxFor(db, { type: "scim-token", id: "at-test" });
    const email = `${uniq("pre")}@example.com`;
    const { identity } = await createScimUser(scimCtx(), parseUserBody({ userName: email, emails: [{ value: email }] }, true));
    const budgets = [{ rate: 0.001, burst: 1000 }, BIG]; // the first debits every time; BIG leases, so its later calls do not
    for (const budget of budgets) {
      await db.execute(sql`delete from rate_limit_buckets where key = 'scim-site'`);
      for (let i = 0; i < 2; i++) {
        const hit = await authorizeScimRequest(db, TEST_KEYS, creds(`Bearer ${secret}`), "resource", new Date(), budget, { userId: identity.id });
        expect(hit.user).toMatchObject({ identity: { id: identity.id, user_name: email }, user: { email } });
        expect(hit.user!.iv).toMatch(/^\d+$/);
        const missing = await authorizeScimRequest(db, TEST_KEYS, creds(`Bearer ${secret}`), "resource", new Date(), budget, { userId: crypto.randomUUID() });
        expect(missing.user).toBeNull();
      }
    }
    // Without a user to read, the result has none; a bad token still refuses whatever it names.
    expect(await gate(creds(`Bearer ${secret}`))).not.toHaveProperty("user");
    await expect(
      authorizeScimRequest(db, TEST_KEYS, creds(`Bearer ${generateToken("scim")}`), "resource", new Date(), BIG, { userId: identity.id }),
    ).rejects.toMatchObject({ code: "unauthorized" });

    // The preloaded row is a snapshot: a GET answers it, and a write made after someone else's
    // change reads again instead of writing over that change.
    const hit = await authorizeScimRequest(db, TEST_KEYS, creds(`Bearer ${secret}`), "resource", new Date(), BIG, { userId: identity.id });
    const preloaded = { id: identity.id, row: hit.user! };
    expect((await getScimUser(db, identity.id, preloaded)).identity.displayName).toBe(identity.displayName);
    await updateScimUser(scimCtx(), identity.id, "update", (a) => ({ ...a, displayName: "Changed Meanwhile" }));
    const after = await updateScimUser(scimCtx(), identity.id, "update", (a) => ({ ...a, givenName: `${a.displayName} (given)` }), preloaded);
    expect(after.identity).toMatchObject({ displayName: "Changed Meanwhile", givenName: "Changed Meanwhile (given)" });
    expect((await getScimUser(db, identity.id)).identity).toMatchObject({ displayName: "Changed Meanwhile", givenName: "Changed Meanwhile (given)" });
  });

  it("at large budgets leases a batch per statement and spends it locally for at most a second", async () => {
    await db.execute(sql`delete from rate_limit_buckets where key = 'scim-site'`);
    const budget = { rate: 400, burst: 400 };
    expect(leaseSize({ key: "scim-site", ...budget })).toBe(20);
    expect(leaseSize({ key: "scim-site", rate: 10, burst: 20 })).toBe(1);
    const { secret } = await createScimToken(ctx(), TEST_KEYS, {});
    const debitedAt = async () => {
      const [row] = rowsOf<{ at: string; tokens: number }>(await db.execute(sql`select updated_at::text as at, tokens from rate_limit_buckets where key = 'scim-site'`));
      return row;
    };
    const at = (ms: number) => authorizeScimRequest(db, TEST_KEYS, creds(`Bearer ${secret}`), "resource", new Date(Date.now() + ms), budget);
    await at(0);
    const first = await debitedAt();
    expect(first!.tokens).toBe(380);
    // Failed authentications give their leased token back.
    for (let i = 0; i < 5; i++) await expect(gate(creds(`Bearer ${generateToken("scim")}`), "resource", budget)).rejects.toMatchObject({ code: "unauthorized" });
    for (let i = 0; i < 19; i++) await at(0);
    expect(await debitedAt()).toEqual(first);
    await at(0);
    const second = await debitedAt();
    expect(second!.at).not.toBe(first!.at);
    // A lease lives one second: later requests debit again even with tokens left in it.
    await at(2_000);
    expect((await debitedAt())!.at).not.toBe(second!.at);
  });

  it(`throttles failed authentication per client address after ${SCIM_AUTH_FAILURE_LIMIT.perMinute} per minute`, async () => {
    const address = uniq("guesser");
    const codes: string[] = [];
    for (let i = 0; i < SCIM_AUTH_FAILURE_LIMIT.perMinute + 2; i++) {
      codes.push(await gate(creds("Bearer guess", { clientAddress: address })).catch((e) => e.code));
    }
    expect(codes.slice(0, SCIM_AUTH_FAILURE_LIMIT.perMinute).every((c) => c === "unauthorized")).toBe(true);
    expect(codes.slice(-2)).toEqual(["rate_limited", "rate_limited"]);
    // The IdP's valid token from elsewhere is unaffected.
    const { secret } = await createScimToken(ctx(), TEST_KEYS, {});
    await expect(gate(creds(`Bearer ${secret}`))).resolves.toBeDefined();
  });
});
