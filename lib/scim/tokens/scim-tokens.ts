// SCIM bearer tokens (`at-…`): at most 25 active, 29–365 days of life, secret shown once.
import { and, asc, count, eq, gt, isNull, sql } from "drizzle-orm";
import { rowFromJson } from "@/db/json-row";
import { shapedStatement } from "@/db/prepared";
import { bucketDebitSql, bucketResult, type BucketResult, type BucketSpec } from "@/lib/rate-limit/token-bucket";
import type { Db, DbOrTx } from "@/db/client";
import { scimSettings, scimTokens, type ScimSettingsRow, type ScimTokenRow } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { DigestKeySource } from "@/lib/tokens/token-format";
import { issueSecret, isUsable, lookupDigest, touchLastUsed } from "@/lib/tokens/token-store";
import { lockScimSettings } from "@/lib/scim/settings/scim-settings";
import { versionedUserSql, type VersionedUserRow } from "@/lib/scim/users/user-read";

const DAY = 86_400_000;
// `slackMs` at the 365-day end (SPEC §5); `minSlackMs` keeps "exactly 29 days", computed by the
// client a moment before the request arrives, inside the inclusive range.
export const SCIM_TOKEN_LIMITS = { minDays: 29, maxDays: 365, defaultDays: 365, slackMs: DAY, minSlackMs: 5 * 60_000, maxActive: 25 };

export interface CreateScimTokenInput {
  description?: string | null;
  expiresAt?: Date;
}

export function checkScimTokenExpiry(expiresAt: Date, now: Date) {
  const ahead = expiresAt.getTime() - now.getTime();
  const { minDays, maxDays, slackMs, minSlackMs } = SCIM_TOKEN_LIMITS;
  if (Number.isNaN(ahead) || ahead < minDays * DAY - minSlackMs || ahead > maxDays * DAY + slackMs) {
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

export type ScimAuthResult = {
  token: ScimTokenRow;
  settings: ScimSettingsRow;
  bucket: (BucketResult & { taken: number }) | null;
  /** The SCIM user asked for with `read`: its versioned row, or null when there is none. */
  user?: VersionedUserRow | null;
};

type GateRow = {
  token: unknown;
  settings: unknown;
  tokens: number | string | null;
  avail: number | string | null;
  taken: number | string | null;
} & Partial<VersionedUserRow>;

const tokenAndState = () => sql`
  select row_to_json(t) as token, row_to_json(s) as settings
  from ${scimTokens} t join ${scimSettings} s on s.id = 'scim'
  where t.secret_digest = ${sql.placeholder("digest")} and t.revoked_at is null
    and t.expired_at > ${sql.placeholder("now")}::timestamptz
  limit 1`;

/** With or without the rate-limit debit, with or without the read of one SCIM user. */
const gate = shapedStatement<GateRow, { debit: boolean; user: boolean }>(
  "scim_gate",
  ({ debit, user }) => `${debit}/${user}`,
  ({ debit, user }) => {
    const ctes = [sql`tok as (${tokenAndState()})`];
    if (debit) {
      ctes.push(sql`debit as (${bucketDebitSql(
        { key: sql.placeholder("key") as unknown as string, rate: sql.placeholder("rate") as unknown as number, burst: sql.placeholder("burst") as unknown as number },
        sql.placeholder("upTo") as unknown as number,
        undefined,
        sql`exists (select 1 from tok)`,
        true,
      )})`);
    }
    const debitColumns = debit ? sql`debit.tokens, debit.avail, debit.taken` : sql`null as tokens, null as avail, null as taken`;
    const userColumns = user ? sql`, pre.identity, pre."user", pre.iv, pre.uv` : sql``;
    return sql`with ${sql.join(ctes, sql`, `)}
      select tok.token, tok.settings, ${debitColumns}${userColumns}
      from tok ${debit ? sql`left join debit on true` : sql``}
      ${user ? sql`left join (${versionedUserSql(sql`${sql.placeholder("userId")}::uuid`)}) pre on true` : sql``}`;
  },
);

/**
 * The whole fixed cost of a /scim/v2 request in one statement (SPEC §12): resolves a raw bearer
 * secret to its usable token, reads the SCIM state and, when `debit` is given and the token is
 * good, takes up to `upTo` (at least one) tokens from that rate-limit bucket. Malformed secrets
 * are refused without a query; unknown, revoked or expired ones debit nothing. `read` names a
 * SCIM user (a uuid) the request is about: its versioned row comes back with the token, so the
 * request's own first read costs no round trip (it is only used once the request is authorized).
 */
export async function authenticateScimToken(
  db: DbOrTx,
  keys: DigestKeySource,
  raw: string,
  now: Date,
  debit?: { bucket: BucketSpec; upTo: number },
  read?: { userId: string },
): Promise<ScimAuthResult | null> {
  const digest = lookupDigest("scim", keys, raw);
  if (!digest) return null;
  const [hit] = await gate(db, { debit: !!debit, user: !!read }, {
    digest,
    now: now.toISOString(),
    ...(debit ? { key: debit.bucket.key, rate: debit.bucket.rate, burst: debit.bucket.burst, upTo: debit.upTo } : {}),
    ...(read ? { userId: read.userId } : {}),
  });
  if (!hit) return null;
  const token = rowFromJson(scimTokens, hit.token);
  if (!isUsable(token, digest, now)) return null;
  const bucket = debit && hit.avail !== null ? bucketResult(debit.bucket, debit.upTo, { tokens: hit.tokens ?? 0, avail: hit.avail, taken: hit.taken }, true) : null;
  const user = read ? (hit.identity ? { identity: hit.identity, user: hit.user, iv: hit.iv!, uv: hit.uv! } : null) : undefined;
  return { token, settings: rowFromJson(scimSettings, hit.settings), bucket, ...(read ? { user } : {}) };
}

export const touchScimToken = (db: Db, id: string, now: Date) => touchLastUsed(db, scimTokens, id, now);
