// Personal API tokens for the admin API. SCIM tokens reuse token-format.ts the same way.
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { userApiTokens, users, type UserApiTokenRow, type UserRow } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { digestKey, digestToken, digestsEqual, generateToken, isWellFormedToken, type DigestKeySource } from "./token-format";

const DAY = 86_400_000;
export const USER_TOKEN_DEFAULT_DAYS = 90;
export const USER_TOKEN_MAX_DAYS = 365;

export interface CreateUserApiTokenInput {
  userId: string;
  description?: string | null;
  expiresAt?: Date;
}

export async function createUserApiToken(ctx: Ctx, keys: DigestKeySource, input: CreateUserApiTokenInput) {
  const expiresAt = input.expiresAt ?? new Date(ctx.now.getTime() + USER_TOKEN_DEFAULT_DAYS * DAY);
  if (expiresAt.getTime() <= ctx.now.getTime() || expiresAt.getTime() > ctx.now.getTime() + (USER_TOKEN_MAX_DAYS + 1) * DAY) {
    throw new AppError("invalid_value", "Expiry must be in the future and at most 365 days ahead", {
      pointer: "/data/attributes/expired-at",
    });
  }
  const secret = generateToken("user");
  const row = {
    id: newId("ut"),
    userId: input.userId,
    description: input.description ?? null,
    secretDigest: digestToken(secret, digestKey(keys)),
    createdAt: ctx.now,
    expiredAt: expiresAt,
  };
  await ctx.db.transaction(async (tx) => {
    await tx.insert(userApiTokens).values(row);
    await recordEvent(tx, ctx, {
      action: "user-token.create",
      target: { type: "user-token", id: row.id },
      summary: { userId: input.userId, expiredAt: expiresAt.toISOString() },
    });
  });
  return { token: { ...row, lastUsedAt: null, revokedAt: null } satisfies UserApiTokenRow, secret };
}

export type TokenAuthResult = { token: UserApiTokenRow; user: UserRow };

/**
 * Resolves a raw bearer secret to its token and owner. Malformed secrets are refused without a
 * query; revoked and expired tokens are refused by the same look-up.
 */
export async function authenticateUserApiToken(
  db: DbOrTx,
  keys: DigestKeySource,
  raw: string,
  now: Date,
): Promise<TokenAuthResult | null> {
  if (!isWellFormedToken(raw, "user")) return null;
  const digest = digestToken(raw, digestKey(keys));
  const rows = await db
    .select({ token: userApiTokens, user: users })
    .from(userApiTokens)
    .innerJoin(users, eq(users.id, userApiTokens.userId))
    .where(eq(userApiTokens.secretDigest, digest))
    .limit(1);
  const hit = rows[0];
  if (!hit || !digestsEqual(hit.token.secretDigest, digest)) return null;
  if (hit.token.revokedAt || hit.token.expiredAt.getTime() <= now.getTime()) return null;
  return hit;
}

/** Records use at most once a minute per token, outside any caller transaction. */
export async function touchUserApiToken(db: Db, tokenId: string, now: Date) {
  await db
    .update(userApiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(userApiTokens.id, tokenId),
        or(isNull(userApiTokens.lastUsedAt), lt(userApiTokens.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`)),
      ),
    );
}

export async function listUserApiTokens(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(userApiTokens)
    .where(and(eq(userApiTokens.userId, userId), isNull(userApiTokens.revokedAt)))
    .orderBy(desc(userApiTokens.createdAt), desc(userApiTokens.id));
}

export async function revokeUserApiToken(ctx: Ctx, tokenId: string, ownerId: string) {
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(userApiTokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(userApiTokens.id, tokenId), eq(userApiTokens.userId, ownerId), isNull(userApiTokens.revokedAt)))
      .returning({ id: userApiTokens.id });
    if (updated.length === 0) throw notFound("Token");
    await recordEvent(tx, ctx, { action: "user-token.revoke", target: { type: "user-token", id: tokenId } });
  });
}
