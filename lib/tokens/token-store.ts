// What every stored bearer token shares (user API tokens and SCIM tokens): issuing a secret
// with its digest, deciding whether a looked-up row is usable, and the throttled last-use mark.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { scimTokens, userApiTokens } from "@/db/schema";
import { digestKey, digestToken, digestsEqual, generateToken, isWellFormedToken, type DigestKeySource, type TokenKind } from "./token-format";

export function issueSecret(kind: TokenKind, keys: DigestKeySource) {
  const secret = generateToken(kind);
  return { secret, digest: digestToken(secret, digestKey(keys)) };
}

/** The digest to look up, or null when the raw value is not a well-formed token of this kind. */
export function lookupDigest(kind: TokenKind, keys: DigestKeySource, raw: string) {
  return isWellFormedToken(raw, kind) ? digestToken(raw, digestKey(keys)) : null;
}

interface StoredToken {
  secretDigest: string;
  revokedAt: Date | null;
  expiredAt: Date;
}

export function isUsable(row: StoredToken | undefined | null, digest: string, now: Date): row is StoredToken {
  if (!row || !digestsEqual(row.secretDigest, digest)) return false;
  return row.revokedAt === null && row.expiredAt.getTime() > now.getTime();
}

// Each process remembers when it last marked a token, so most requests skip the statement; the
// database condition below still keeps the once-a-minute rule across nodes.
const lastTouched = new Map<string, number>();
const MINUTE = 60_000;

/** Marks use at most once a minute per token; callers run it outside their transaction. */
export async function touchLastUsed(db: Db, table: typeof userApiTokens | typeof scimTokens, id: string, now: Date) {
  const seen = lastTouched.get(id);
  if (seen !== undefined && now.getTime() - seen < MINUTE && now.getTime() >= seen) return;
  if (lastTouched.size > 10_000) lastTouched.clear();
  lastTouched.set(id, now.getTime());
  const at = now.toISOString();
  await db.execute(sql`
    update ${table} set last_used_at = ${at}::timestamptz
    where id = ${id} and (last_used_at is null or last_used_at < ${at}::timestamptz - interval '1 minute')
  `);
}
