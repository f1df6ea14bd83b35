import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { setupCode, setupCodeMatches } from "@/lib/admin/setup/setup-code";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("configuration", () => {
  it("refuses to start in production without AUTH_SECRET", () => {
    process.env = { ...saved, NODE_ENV: "production" };
    delete process.env.AUTH_SECRET;
    resetEnvForTests();
    expect(() => env()).toThrow(/AUTH_SECRET is required in production/);
  });

  it("refuses test hooks in production", () => {
    process.env = { ...saved, NODE_ENV: "production", AUTH_SECRET: "s".repeat(40), ROSTER_TEST_HOOKS: "1" };
    resetEnvForTests();
    expect(() => env()).toThrow(/ROSTER_TEST_HOOKS/);
  });

  it("applies documented defaults", () => {
    process.env = { ...saved, NODE_ENV: "test", AUTH_SECRET: "s".repeat(40) };
    delete process.env.ROSTER_SCIM_RATE_LIMIT;
    delete process.env.ROSTER_SCIM_RATE_BURST;
    resetEnvForTests();
    expect(env().ROSTER_SCIM_RATE_LIMIT).toBe(10);
    expect(env().ROSTER_SCIM_RATE_BURST).toBe(20);
  });
});

describe("passwords", () => {
  it("hashes with scrypt and verifies only the right password", async () => {
    const h = await hashPassword("correct horse battery staple");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).not.toContain("correct");
    expect(await verifyPassword("correct horse battery staple", h)).toBe(true);
    expect(await verifyPassword("wrong horse battery staple", h)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await hashPassword("correct horse battery staple")).not.toBe(h);
  });
});

describe("setup code", () => {
  it("is derived from the secret and compared case-insensitively", () => {
    const code = setupCode("x".repeat(40));
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    expect(setupCode("y".repeat(40))).not.toBe(code);
    expect(setupCodeMatches("x".repeat(40), code.toLowerCase())).toBe(true);
    expect(setupCodeMatches("x".repeat(40), "AAAAA-AAAAA")).toBe(false);
  });
});
