// Password hashing with scrypt (N=2^15, r=8, p=1, 32-byte salt, 64-byte key), stored as
// `scrypt$N$r$p$salt$hash` so parameters can be raised later without invalidating old hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const maxmem = 256 * N * R;

export async function hashPassword(password: string) {
  const salt = randomBytes(32);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

// A fixed hash verified against when the account does not exist, so a wrong email costs the
// same time as a wrong password.
const DUMMY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(32).toString("base64url")}$${Buffer.alloc(KEY_LENGTH).toString("base64url")}`;

export async function verifyPassword(password: string, stored: string | null | undefined) {
  const parts = (stored ?? DUMMY).split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, "base64url");
  const key = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * Number(n) * Number(r),
  });
  return timingSafeEqual(key, expected) && stored != null;
}

export const PASSWORD_MIN_LENGTH = 12;
