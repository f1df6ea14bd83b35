import { describe, expect, it } from "vitest";
import { API_TOKEN_LIFETIME } from "@/lib/query/account-tokens";
import { SCIM_TOKEN_LIFETIME } from "@/lib/query/scim";
import { tokenDateBounds, tokenExpiry, tokenExpiryInstant, TOKEN_EXPIRY_WARNING_DAYS } from "@/lib/query/tokens";

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

describe("create dialog expiry choices", () => {
  // Local midday, so the bounds do not depend on the time zone the tests run in.
  const noon = new Date(2030, 0, 10, 12).getTime();
  const endOf = (date: string) => tokenExpiryInstant({ kind: "date", date }, noon)!.getTime();

  it("offers each kind of token the dates its API accepts", () => {
    expect(tokenDateBounds(noon, SCIM_TOKEN_LIFETIME)).toEqual({ min: "2030-02-08", max: "2031-01-10" });
    expect(tokenDateBounds(noon, API_TOKEN_LIFETIME)).toEqual({ min: "2030-01-11", max: "2031-01-10" });
  });
  it("sends the end of the chosen day, inside the API's window at both ends", () => {
    const { min, max } = tokenDateBounds(noon, API_TOKEN_LIFETIME);
    expect(endOf(min)).toBeGreaterThan(noon);
    // lib/tokens/user-api-tokens.ts allows up to 366 days ahead.
    expect(endOf(max)).toBeLessThanOrEqual(noon + 366 * DAY);
    expect(tokenExpiryInstant({ kind: "days", days: 90 }, noon)!.getTime()).toBe(noon + 90 * DAY);
    expect(tokenExpiryInstant({ kind: "date", date: "" }, noon)).toBeNull();
  });
});
