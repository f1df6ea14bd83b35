// The one token format for every bearer secret Roster issues (SPEC §10):
//   <type prefix><32 base62 chars: ~190 random bits><6 base62 chars: CRC32 of the rest>
// The checksum lets a typo or a guess be refused without touching the database; only an
// HMAC-SHA-256 digest (keyed by a server secret) is ever stored, compared in constant time.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { randomBase62, toBase62 } from "@/lib/ids";

export const TOKEN_PREFIXES = {
  user: "roster_pat_",
  scim: "roster_scim_",
} as const;
export type TokenKind = keyof typeof TOKEN_PREFIXES;

const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const BODY_RE = /^[A-Za-z0-9]+$/;

function checksum(s: string) {
  return toBase62(crc32(s) >>> 0, CHECKSUM_LENGTH);
}

export function generateToken(kind: TokenKind) {
  const head = TOKEN_PREFIXES[kind] + randomBase62(BODY_LENGTH);
  return head + checksum(head);
}

/** Pure syntax check: the right prefix, length, alphabet and checksum. No I/O. */
export function isWellFormedToken(raw: string, kind: TokenKind) {
  const prefix = TOKEN_PREFIXES[kind];
  if (raw.length !== prefix.length + BODY_LENGTH + CHECKSUM_LENGTH || !raw.startsWith(prefix)) return false;
  const rest = raw.slice(prefix.length);
  if (!BODY_RE.test(rest)) return false;
  const head = raw.slice(0, raw.length - CHECKSUM_LENGTH);
  return checksum(head) === raw.slice(-CHECKSUM_LENGTH);
}

export interface DigestKeySource {
  AUTH_SECRET: string;
  ROSTER_TOKEN_PEPPER?: string;
}

const keyCache = new Map<string, Buffer>();

/** HKDF-SHA-256(AUTH_SECRET, "roster-token-digest") unless ROSTER_TOKEN_PEPPER is set. */
export function digestKey(src: DigestKeySource) {
  const material = src.ROSTER_TOKEN_PEPPER ?? src.AUTH_SECRET;
  let key = keyCache.get(material);
  if (!key) {
    key = src.ROSTER_TOKEN_PEPPER
      ? Buffer.from(src.ROSTER_TOKEN_PEPPER, "utf8")
      : Buffer.from(hkdfSync("sha256", material, Buffer.alloc(0), "roster-token-digest", 32));
    keyCache.set(material, key);
  }
  return key;
}

export function digestToken(raw: string, key: Buffer) {
  return createHmac("sha256", key).update(raw, "utf8").digest("base64url");
}

/** Constant-time comparison of two digests; different lengths are simply unequal. */
export function digestsEqual(a: string, b: string) {
  const ba = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  if (ba.length !== bb.length) return false;
  return timingSafeEqual(ba, bb);
}

/** Parses `Authorization: Bearer <token>`; null when absent or not a bearer credential. */
export function parseBearer(header: string | null | undefined) {
  if (!header) return null;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
