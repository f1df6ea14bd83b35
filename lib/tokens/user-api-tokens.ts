// Personal API tokens for the admin API.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { userApiTokens, users, type UserApiTokenRow, type UserRow } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { DigestKeySource } from "./token-format";
import { issueSecret, isUsable, lookupDigest, touchLastUsed } from "./token-store";

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
  const { secret, digest } = issueSecret("user", keys);
  const row = {
    id: newId("ut"),
    userId: input.userId,
    description: input.description ?? null,
    secretDigest: digest,
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
  const digest = lookupDigest("user", keys, raw);
  if (!digest) return null;
  const rows = await db
    .select({ token: userApiTokens, user: users })
    .from(userApiTokens)
    .innerJoin(users, eq(users.id, userApiTokens.userId))
    .where(eq(userApiTokens.secretDigest, digest))
    .limit(1);
  const hit = rows[0];
  return hit && isUsable(hit.token, digest, now) ? hit : null;
}

/** Records use at most once a minute per token, outside any caller transaction. */
export const touchUserApiToken = (db: Db, tokenId: string, now: Date) => touchLastUsed(db, userApiTokens, tokenId, now);

export async function listUserApiTokens(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(userApiTokens)
    .where(and(eq(userApiTokens.userId, userId), isNull(userApiTokens.revokedAt)))
    .orderBy(asc(userApiTokens.createdAt), asc(userApiTokens.id));
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
