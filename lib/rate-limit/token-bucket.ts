// Token buckets kept in PostgreSQL, so every app node shares one budget. One statement per
// check: refill by elapsed time, debit when enough is available, report when to retry. The
// statement can also be embedded as a CTE in a larger one (the SCIM gate).
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/rows";

export interface BucketSpec {
  key: string;
  /** Tokens added per second. */
  rate: number;
  /** Bucket capacity (the burst). */
  burst: number;
}

export interface BucketResult {
  allowed: boolean;
  /** Tokens left after this call. */
  remaining: number;
  /** Whole seconds until `cost` tokens are available again (≥ 1 when refused, else 0). */
  retryAfter: number;
}

/**
 * The debit as one data-modifying statement returning `tokens` (left), `avail` (before the
 * debit) and `taken`; it writes only when `when` holds. `upTo` takes as many whole tokens as are
 * available up to `cost` (at least one), otherwise it is all of `cost` or nothing. Existing
 * buckets are row-locked, so parallel takes count exactly; only the first creation of a key,
 * raced by two callers, can let one extra through. `now` is for tests; otherwise the database
 * clock is used so that nodes with skewed clocks agree.
 */
export function bucketDebitSql(spec: BucketSpec, cost: number, now?: Date, when: SQL = sql`true`, upTo = false): SQL {
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`clock_timestamp()`;
  const take = upTo
    ? sql`case when avail >= 1 then least(floor(avail), ${cost}::float8) else 0 end`
    : sql`case when avail >= ${cost}::float8 then ${cost}::float8 else 0 end`;
  return sql`
    with t as (select ${at} as at),
    prev as (
      select tokens, updated_at from rate_limit_buckets where key = ${spec.key} for update
    ),
    refill as (
      select least(
        ${spec.burst}::float8,
        coalesce((select tokens from prev), ${spec.burst}::float8)
          + greatest(0, extract(epoch from ((select at from t) - coalesce((select updated_at from prev), (select at from t)))))
            * ${spec.rate}::float8
      ) as avail
    ),
    calc as (select avail, ${take} as take from refill)
    insert into rate_limit_buckets as b (key, tokens, updated_at)
    select ${spec.key},
           avail - take,
           greatest((select at from t), coalesce((select updated_at from prev), (select at from t)))
    from calc
    where ${when}
    on conflict (key) do update set tokens = excluded.tokens, updated_at = excluded.updated_at
    returning tokens, (select avail from calc) as avail, (select take from calc) as taken
  `;
}

export type BucketRow = { tokens: number | string; avail: number | string; taken?: number | string | null };

/** Interprets what a debit returned. */
export function bucketResult(spec: BucketSpec, cost: number, row: BucketRow, upTo = false): BucketResult & { taken: number } {
  const avail = Number(row.avail);
  const taken = Number(row.taken ?? 0);
  const allowed = cost === 0 ? avail >= 1 : taken >= 1;
  const need = (upTo ? 1 : Math.max(cost, 1)) - avail;
  return {
    allowed,
    taken,
    remaining: Number(row.tokens),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil(need / spec.rate)),
  };
}

/** Takes `cost` tokens if available (cost 0 only looks). */
export async function takeTokens(db: DbOrTx, spec: BucketSpec, cost = 1, now?: Date): Promise<BucketResult> {
  const row = rowsOf<BucketRow>(await db.execute(bucketDebitSql(spec, cost, now)))[0]!;
  return bucketResult(spec, cost, row);
}
