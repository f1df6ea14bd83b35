import { describe, expect, it } from "vitest";
import { isSessionValid } from "@/lib/auth/session-validity";
import { clientAddress } from "@/lib/http/client-address";
import { installPeerStamp, normalizeAddress, PEER_ADDRESS_HEADER, peerStampInstalled, stampPeer } from "@/lib/http/peer-stamp";
import { CredentialsSignin } from "next-auth";
import { baseAuthConfig } from "@/lib/auth/auth.config";
import { resetEnvForTests } from "@/lib/env";

const HOUR = 3_600_000;
const user = { suspendedAt: null, sessionVersion: 3 };

describe("session validity", () => {
  const now = Date.UTC(2030, 0, 1);
  it("accepts a current session of an active user", () => {
    expect(isSessionValid({ sv: 3, authAt: now - HOUR }, user, now)).toBe(true);
  });
  it("ends 12 hours after sign-in, whatever the activity", () => {
    expect(isSessionValid({ sv: 3, authAt: now - 12 * HOUR + 1000 }, user, now)).toBe(true);
    expect(isSessionValid({ sv: 3, authAt: now - 12 * HOUR - 1000 }, user, now)).toBe(false);
  });
  it("ends at sign-out (version bump), suspension and deletion", () => {
    expect(isSessionValid({ sv: 2, authAt: now }, user, now)).toBe(false);
    expect(isSessionValid({ sv: 3, authAt: now }, { ...user, suspendedAt: new Date(now) }, now)).toBe(false);
    expect(isSessionValid({ sv: 3, authAt: now }, null, now)).toBe(false);
  });
  it("refuses claims of the wrong type", () => {
    expect(isSessionValid({ sv: "3", authAt: now }, user, now)).toBe(false);
    expect(isSessionValid({ sv: 3 }, user, now)).toBe(false);
  });
});

describe("client address", () => {
  const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it("without trusted proxies is the stamped socket peer, never X-Forwarded-For", async () => {
    expect(clientAddress(h("1.2.3.4"), 0)).toBeNull();
    // Before the server stamps requests, a client-sent stamp header means nothing.
    expect(clientAddress(new Headers({ [PEER_ADDRESS_HEADER]: "5.6.7.8" }), 0)).toBeNull();
    await installPeerStamp({ trustForwardedHost: false, trustedHops: 0 });
    expect(peerStampInstalled()).toBe(true);
    expect(clientAddress(new Headers({ [PEER_ADDRESS_HEADER]: "5.6.7.8", "x-forwarded-for": "1.2.3.4" }), 0)).toBe("5.6.7.8");
    expect(clientAddress(h("1.2.3.4"), 0)).toBeNull();
  });
  it("the stamp overwrites a client's stamp header and drops untrusted X-Forwarded-* headers", () => {
    const req = (headers: Record<string, string>, remoteAddress?: string) => ({ headers: { ...headers }, socket: { remoteAddress } as never });
    const spoofed = { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-forwarded-port": "443" };
    const direct = req(spoofed, "::ffff:127.0.0.2");
    stampPeer(direct, { trustForwardedHost: false, trustedHops: 0 });
    expect(direct.headers).toEqual({ [PEER_ADDRESS_HEADER]: "127.0.0.2" });
    const proxied = req(spoofed, "10.0.0.1");
    stampPeer(proxied, { trustForwardedHost: true, trustedHops: 1 });
    expect(proxied.headers).toEqual({ ...spoofed, [PEER_ADDRESS_HEADER]: "10.0.0.1" });
    const unknown = req(spoofed);
    stampPeer(unknown, { trustForwardedHost: true, trustedHops: 0 });
    expect(unknown.headers[PEER_ADDRESS_HEADER]).toBeUndefined();
    expect(normalizeAddress("::1")).toBe("::1");
  });
  it("takes the N-th entry from the right", () => {
    expect(clientAddress(h("9.9.9.9, 1.2.3.4, 10.0.0.1"), 1)).toBe("10.0.0.1");
    expect(clientAddress(h("9.9.9.9, 1.2.3.4, 10.0.0.1"), 2)).toBe("1.2.3.4");
    expect(clientAddress(h("1.2.3.4"), 2)).toBeNull();
    expect(clientAddress(h(), 1)).toBeNull();
  });
});

describe("Auth.js logger", () => {
  const captureStderr = (fn: () => void) => {
    process.env.ROSTER_LOG_LEVEL = "info";
    resetEnvForTests();
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: unknown) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      fn();
    } finally {
      process.stderr.write = write;
      process.env.ROSTER_LOG_LEVEL = "silent";
      resetEnvForTests();
    }
    return lines;
  };
  const logger = baseAuthConfig("x".repeat(32)).logger!;

  it("a session cookie that does not decrypt is one JSON warning with its kind, never its content", () => {
    const error = Object.assign(new Error("Invalid Compact JWE eyJhbGciOi-secret-looking"), { name: "JWTSessionError", type: "JWTSessionError" });
    const lines = captureStderr(() => logger.error!(error));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: "warn", msg: "auth session cookie rejected", type: "JWTSessionError" });
    expect(lines[0]).not.toContain("eyJ");
  });

  it("a refused sign-in logs nothing; an unexpected error logs a JSON error line", () => {
    expect(captureStderr(() => logger.error!(new CredentialsSignin()))).toEqual([]);
    const lines = captureStderr(() => logger.error!(Object.assign(new Error("boom"), { type: "CallbackRouteError" })));
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", msg: "auth error", type: "CallbackRouteError" });
  });
});
