import { describe, expect, it } from "vitest";
import { takeTokens } from "@/lib/rate-limit/token-bucket";
import { freshDb } from "../db";
import { uniq } from "../factories";

const { db } = await freshDb();

describe("token bucket", () => {
  it("allows the burst, refuses the next with a whole-second Retry-After, and refills over time", async () => {
    const spec = { key: uniq("bucket"), rate: 2, burst: 3 };
    const t0 = new Date("2030-01-01T00:00:00Z");
    for (let i = 0; i < 3; i++) expect((await takeTokens(db, spec, 1, t0)).allowed).toBe(true);
    const refused = await takeTokens(db, spec, 1, t0);
    expect(refused).toMatchObject({ allowed: false, retryAfter: 1 });
    // Half a second later one token has come back (rate 2/s).
    expect((await takeTokens(db, spec, 1, new Date(t0.getTime() + 500))).allowed).toBe(true);
    expect((await takeTokens(db, spec, 1, new Date(t0.getTime() + 500))).allowed).toBe(false);
    // Never more than the burst, however long the pause.
    const later = new Date(t0.getTime() + 3_600_000);
    for (let i = 0; i < 3; i++) expect((await takeTokens(db, spec, 1, later)).allowed).toBe(true);
    expect((await takeTokens(db, spec, 1, later)).allowed).toBe(false);
  });

  it("looks without spending when cost is 0", async () => {
    const spec = { key: uniq("peek"), rate: 1 / 60, burst: 1 };
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect((await takeTokens(db, spec, 0, t0)).allowed).toBe(true);
    expect((await takeTokens(db, spec, 1, t0)).allowed).toBe(true);
    const peek = await takeTokens(db, spec, 0, t0);
    expect(peek.allowed).toBe(false);
    expect(peek.retryAfter).toBe(60);
  });

  it("keeps buckets apart by key and counts parallel takes exactly", async () => {
    const a = { key: uniq("a"), rate: 0.001, burst: 5 };
    const b = { key: uniq("b"), rate: 0.001, burst: 5 };
    // Create the bucket first: concurrent creation of a new key is the one documented leak.
    await takeTokens(db, a, 0);
    const results = await Promise.all(Array.from({ length: 12 }, () => takeTokens(db, a)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect((await takeTokens(db, b)).allowed).toBe(true);
  });
});
