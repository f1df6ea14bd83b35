import { describe, expect, it } from "vitest";
import { isSessionValid } from "@/lib/auth/session-validity";
import { clientAddress } from "@/lib/http/client-address";

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
  it("is unknown without trusted proxies, whatever the header says", () => {
    expect(clientAddress(h("1.2.3.4"), 0)).toBeNull();
  });
  it("takes the N-th entry from the right", () => {
    expect(clientAddress(h("9.9.9.9, 1.2.3.4, 10.0.0.1"), 1)).toBe("10.0.0.1");
    expect(clientAddress(h("9.9.9.9, 1.2.3.4, 10.0.0.1"), 2)).toBe("1.2.3.4");
    expect(clientAddress(h("1.2.3.4"), 2)).toBeNull();
    expect(clientAddress(h(), 1)).toBeNull();
  });
});
