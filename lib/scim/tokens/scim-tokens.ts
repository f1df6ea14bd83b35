// SCIM bearer tokens (`at-…`): at most 25 active, 29–365 days of life, secret shown once.
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { scimSettings, scimTokens, type ScimSettingsRow, type ScimTokenRow } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { DigestKeySource } from "@/lib/tokens/token-format";
import { issueSecret, isUsable, lookupDigest, touchLastUsed } from "@/lib/tokens/token-store";
import { lockScimSettings } from "@/lib/scim/settings/scim-settings";

const DAY = 86_400_000;
export const SCIM_TOKEN_LIMITS = { minDays: 29, maxDays: 365, defaultDays: 365, slackMs: DAY, maxActive: 25 };

export interface CreateScimTokenInput {
  description?: string | null;
  expiresAt?: Date;
}

export function checkScimTokenExpiry(expiresAt: Date, now: Date) {
  const ahead = expiresAt.getTime() - now.getTime();
  const { minDays, maxDays, slackMs } = SCIM_TOKEN_LIMITS;
  if (Number.isNaN(ahead) || ahead < minDays * DAY || ahead > maxDays * DAY + slackMs) {
    throw new AppError("invalid_value", `expired-at must be between ${minDays} and ${maxDays} days from now`, {
      pointer: "/data/attributes/expired-at",
    });
  }
}

export async function createScimToken(ctx: Ctx, keys: DigestKeySource, input: CreateScimTokenInput) {
  const expiresAt = input.expiresAt ?? new Date(ctx.now.getTime() + SCIM_TOKEN_LIMITS.defaultDays * DAY);
  checkScimTokenExpiry(expiresAt, ctx.now);
  return ctx.db.transaction(async (tx) => {
    // The settings row lock serializes creates, so the cap holds under concurrency.
    const settings = await lockScimSettings(tx, "update");
    if (!settings.enabled) throw new AppError("invalid_value", "Enable SCIM provisioning first");
    const [active] = await tx
      .select({ n: count() })
      .from(scimTokens)
      .where(and(isNull(scimTokens.revokedAt), gt(scimTokens.expiredAt, ctx.now)));
    if ((active?.n ?? 0) >= SCIM_TOKEN_LIMITS.maxActive) {
      throw new AppError("invalid_value", `At most ${SCIM_TOKEN_LIMITS.maxActive} active SCIM tokens are allowed; delete one first`);
    }
    const { secret, digest } = issueSecret("scim", keys);
    const createdBy = ctx.actor.type === "user" ? ctx.actor.id : null;
    const [row] = await tx
      .insert(scimTokens)
      .values({ id: newId("at"), description: input.description ?? null, secretDigest: digest, createdAt: ctx.now, expiredAt: expiresAt, createdBy })
      .returning();
    await recordEvent(tx, ctx, {
      action: "scim-token.create",
      target: { type: "scim-token", id: row!.id },
      summary: { description: input.description ?? null, expiredAt: expiresAt.toISOString() },
    });
    return { token: row!, secret };
  });
}

/** Every unrevoked token, expired ones included, oldest first. */
export async function listScimTokens(db: DbOrTx) {
  return db.select().from(scimTokens).where(isNull(scimTokens.revokedAt)).orderBy(asc(scimTokens.createdAt), asc(scimTokens.id));
}

export async function getScimToken(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(scimTokens)
    .where(and(eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
    .limit(1);
  if (!row) throw notFound("SCIM token");
  return row;
}

/** Revocation is effective on the very next request: authentication reads revoked_at. */
export async function revokeScimToken(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(scimTokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
      .returning({ id: scimTokens.id, description: scimTokens.description });
    if (revoked.length === 0) throw notFound("SCIM token");
    await recordEvent(tx, ctx, {
      action: "scim-token.revoke",
      target: { type: "scim-token", id },
      summary: { description: revoked[0]!.description },
    });
  });
}

export type ScimAuthResult = { token: ScimTokenRow; settings: ScimSettingsRow };

/**
 * Resolves a raw bearer secret to its token together with the SCIM state, in one statement.
 * Malformed secrets are refused without a query.
 */
export async function authenticateScimToken(db: DbOrTx, keys: DigestKeySource, raw: string, now: Date): Promise<ScimAuthResult | null> {
  const digest = lookupDigest("scim", keys, raw);
  if (!digest) return null;
  const [hit] = await db
    .select({ token: scimTokens, settings: scimSettings })
    .from(scimTokens)
    .innerJoin(scimSettings, eq(scimSettings.id, "scim"))
    .where(eq(scimTokens.secretDigest, digest))
    .limit(1);
  return hit && isUsable(hit.token, digest, now) ? hit : null;
}

export const touchScimToken = (db: Db, id: string, now: Date) => touchLastUsed(db, scimTokens, id, now);
