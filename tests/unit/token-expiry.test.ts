import { describe, expect, it } from "vitest";
import { tokenExpiry, TOKEN_EXPIRY_WARNING_DAYS } from "@/lib/query/scim";

const DAY = 86_400_000;
const now = Date.UTC(2030, 0, 1);
const at = (ms: number) => new Date(now + ms).toISOString();

describe("console token expiry status", () => {
  it("is expired at and after the expiry time", () => {
    expect(tokenExpiry(at(0), now)).toEqual({ status: "expired" });
    expect(tokenExpiry(at(-2 * DAY), now)).toEqual({ status: "expired" });
  });
  it(`warns within ${TOKEN_EXPIRY_WARNING_DAYS} days, counting part days up`, () => {
    expect(tokenExpiry(at(1000), now)).toEqual({ status: "expiring", days: 1 });
    expect(tokenExpiry(at(5 * DAY - 60_000), now)).toEqual({ status: "expiring", days: 5 });
    expect(tokenExpiry(at(14 * DAY), now)).toEqual({ status: "expiring", days: 14 });
  });
  it("is fine beyond that, and for unknown dates", () => {
    expect(tokenExpiry(at(14 * DAY + 1000), now)).toEqual({ status: "valid" });
    expect(tokenExpiry(null, now)).toEqual({ status: "valid" });
  });
});
