import { describe, expect, it } from "vitest";
import {
  digestKey,
  digestToken,
  digestsEqual,
  generateToken,
  isWellFormedToken,
  parseBearer,
  TOKEN_PREFIXES,
} from "@/lib/tokens/token-format";

describe("token format", () => {
  it("generates unique, well-formed tokens with ≥128 random bits and a per-type prefix", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const t = generateToken("user");
      expect(t).toMatch(/^roster_pat_[A-Za-z0-9]{38}$/);
      expect(isWellFormedToken(t, "user")).toBe(true);
      seen.add(t);
    }
    expect(seen.size).toBe(5000);
    // 32 random base62 characters carry log2(62) * 32 ≈ 190 bits.
    expect(Math.log2(62) * 32).toBeGreaterThanOrEqual(128);
    expect(TOKEN_PREFIXES.user).not.toBe(TOKEN_PREFIXES.scim);
  });

  it("refuses a token of the other type, a wrong checksum, and junk", () => {
    const scim = generateToken("scim");
    expect(isWellFormedToken(scim, "scim")).toBe(true);
    expect(isWellFormedToken(scim, "user")).toBe(false);
    const user = generateToken("user");
    const last = user.at(-1) === "A" ? "B" : "A";
    expect(isWellFormedToken(user.slice(0, -1) + last, "user")).toBe(false);
    // A single changed body character breaks the checksum.
    const mid = user.length - 10;
    const swapped = user.slice(0, mid) + (user[mid] === "x" ? "y" : "x") + user.slice(mid + 1);
    expect(isWellFormedToken(swapped, "user")).toBe(false);
    for (const junk of ["", "roster_pat_", "Bearer x", user + "A", user.slice(1), "roster_pat_" + "!".repeat(38)]) {
      expect(isWellFormedToken(junk, "user")).toBe(false);
    }
  });

  it("digests with a key derived from the server secret, or the pepper when set", () => {
    const t = generateToken("user");
    const k1 = digestKey({ AUTH_SECRET: "a".repeat(40) });
    const k2 = digestKey({ AUTH_SECRET: "b".repeat(40) });
    const k3 = digestKey({ AUTH_SECRET: "a".repeat(40), ROSTER_TOKEN_PEPPER: "p".repeat(40) });
    expect(digestToken(t, k1)).not.toBe(digestToken(t, k2));
    expect(digestToken(t, k1)).not.toBe(digestToken(t, k3));
    expect(digestToken(t, k1)).toBe(digestToken(t, digestKey({ AUTH_SECRET: "a".repeat(40) })));
    expect(digestToken(t, k1)).not.toContain(t.slice(11));
  });

  it("compares digests in constant time and treats different lengths as unequal", () => {
    expect(digestsEqual("abc", "abc")).toBe(true);
    expect(digestsEqual("abc", "abd")).toBe(false);
    expect(digestsEqual("abc", "abcd")).toBe(false);
    expect(digestsEqual("", "a")).toBe(false);
  });

  it("parses bearer headers strictly", () => {
    expect(parseBearer("Bearer abc")).toBe("abc");
    expect(parseBearer("bearer abc")).toBe("abc");
    expect(parseBearer("Basic abc")).toBeNull();
    expect(parseBearer("Bearer")).toBeNull();
    expect(parseBearer("Bearer a b")).toBeNull();
    expect(parseBearer(null)).toBeNull();
  });
});
