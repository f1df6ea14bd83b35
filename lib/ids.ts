import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Uniform base62 string from the CSPRNG (randomInt rejects biased draws itself). */
export function randomBase62(length: number) {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Public ids in TFE style: `user-…`, `team-…`, `at-…`, `ut-…` (16 base62 chars ≈ 95 bits). */
export const newId = (prefix: "user" | "team" | "at" | "ut") => `${prefix}-${randomBase62(16)}`;

export function toBase62(n: number, width: number) {
  let out = "";
  let v = n;
  while (v > 0) {
    out = ALPHABET[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, "A");
}
