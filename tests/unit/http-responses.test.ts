import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { paginationLinksAndMeta, parsePage, requireIdentifiers, requireResource, toJsonApiError } from "@/lib/http/jsonapi";
import { scimError, toScimError } from "@/lib/http/scim-response";
import { redactSummary } from "@/lib/audit/record-event";
import { sanitizeScimPath } from "@/lib/audit/activity-log";
import { safeCallbackPath } from "@/lib/auth/callback-path";

describe("JSON:API edges", () => {
  it("parses and clamps pages", () => {
    expect(parsePage(new URL("http://x/a"))).toEqual({ number: 1, size: 20 });
    expect(parsePage(new URL("http://x/a?page[number]=3&page[size]=500"))).toEqual({ number: 3, size: 100 });
    expect(parsePage(new URL("http://x/a?page%5Bnumber%5D=0&page%5Bsize%5D=0"))).toEqual({ number: 1, size: 1 });
    expect(() => parsePage(new URL("http://x/a?page[size]=abc"))).toThrow(AppError);
    // Past any store's size: an empty page whose offset PostgreSQL can still take.
    for (const [n, size] of [["9223372036854775807", 100], ["9".repeat(400), 1], ["21474837", 100]] as const) {
      const page = parsePage(new URL(`http://x/a?page[number]=${n}&page[size]=${size}`));
      expect(page.size).toBe(size);
      expect((page.number - 1) * page.size).toBeLessThanOrEqual(2_147_483_647);
      expect(page.number).toBeGreaterThan(1_000_000);
    }
  });

  it("builds pagination links and meta", () => {
    const { links, meta } = paginationLinksAndMeta(new URL("http://x/api/v2/admin/users?q=a"), { number: 2, size: 10 }, 25);
    expect(meta.pagination).toMatchObject({ "current-page": 2, "total-pages": 3, "total-count": 25, "prev-page": 1, "next-page": 3 });
    expect(decodeURIComponent(links.next!)).toContain("page[number]=3");
    expect(decodeURIComponent(links.self)).toContain("q=a");
    expect(paginationLinksAndMeta(new URL("http://x/a"), { number: 1, size: 20 }, 0).links.next).toBeNull();
  });

  it("maps AppError to errors[] with a pointer, and hides unknown errors", async () => {
    const res = toJsonApiError("rid", new AppError("invalid_value", "Name is bad", { pointer: "/data/attributes/name" }));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/vnd.api+json");
    expect(await res.json()).toEqual({
      errors: [{ status: "422", title: "Unprocessable Entity", detail: "Name is bad", source: { pointer: "/data/attributes/name" } }],
    });
    const unauthorized = toJsonApiError("rid", new AppError("unauthorized", "nope"));
    expect(unauthorized.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const hidden = toJsonApiError("rid", new Error("relation users does not exist at pg"));
    expect(hidden.status).toBe(500);
    expect(JSON.stringify(await hidden.json())).not.toContain("relation");
  });

  it("validates resource documents", () => {
    expect(requireResource({ data: { type: "teams", attributes: { name: "a" } } }, ["teams"]).attributes).toEqual({ name: "a" });
    expect(() => requireResource({ data: { type: "orgs" } }, ["teams"])).toThrow(/data.type/);
    expect(() => requireResource([], ["teams"])).toThrow(AppError);
    expect(requireIdentifiers({ data: [{ type: "users", id: "user-1" }] }, "users")).toEqual(["user-1"]);
    expect(() => requireIdentifiers({ data: [{ type: "teams", id: "x" }] }, "users")).toThrow(AppError);
  });
});

describe("SCIM error body", () => {
  it("uses RFC 7644 with status as a string", async () => {
    const res = scimError("rid", 409, "userName taken", "uniqueness");
    expect(res.headers.get("content-type")).toBe("application/scim+json");
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await res.json()).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "409",
      scimType: "uniqueness",
      detail: "userName taken",
    });
  });

  it("maps the core's 422 to 400 invalidValue, 401 with WWW-Authenticate, 413 without scimType", async () => {
    const bad = toScimError("rid", new AppError("invalid_value", "bad email"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).scimType).toBe("invalidValue");
    const unauth = toScimError("rid", new AppError("unauthorized", "no"));
    expect(unauth.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const big = await toScimError("rid", new AppError("too_large", "big")).json();
    expect(big.status).toBe("413");
    expect(big.scimType).toBeUndefined();
    const boom = toScimError("rid", new Error("duplicate key value violates unique constraint"));
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain("duplicate");
  });
});

describe("contention", () => {
  it("maps deadlocks, serialization failures and lock/statement timeouts to a retryable 503", async () => {
    for (const code of ["40001", "40P01", "55P03", "57014"]) {
      const scim = toScimError("rid", Object.assign(new Error("x"), { code }));
      expect(scim.status).toBe(503);
      expect(scim.headers.get("retry-after")).toBe("1");
      expect((await scim.json()).status).toBe("503");
      const api = toJsonApiError("rid", { cause: { code } });
      expect(api.status).toBe(503);
      expect(api.headers.get("retry-after")).toBe("1");
    }
    expect(toScimError("rid", Object.assign(new Error("x"), { code: "23505" })).status).toBe(500);
  });
});

describe("provisioning activity paths (SPEC §9: no secrets, nothing that names a person)", () => {
  const path = (p: string) => sanitizeScimPath(new URL(`http://x${p}`));
  it("keeps endpoint names, ids and schema URNs; anything else in the path becomes …", () => {
    const id = "0b5c6f7e-1d2a-4b3c-8d4e-5f6a7b8c9d0e";
    for (const kept of ["/scim/v2/Users", `/scim/v2/users/${id}`, `/scim/v2/Groups/${id.toUpperCase()}/`, "/scim/v2/ResourceTypes/User", "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group", "/scim/v2"]) {
      expect(path(kept)).toBe(kept);
    }
    expect(path("/scim/v2/Users/avery%40example.test")).toBe("/scim/v2/Users/…");
    expect(path("/scim/v2/Users/roster_scim_abcdefghijklmnopqrstuvwxyz0123456789")).toBe("/scim/v2/Users/…");
    expect(path(`/scim/v2/Users/${id}/jane.doe?filter=x&filter=y&count=1`)).toBe(`/scim/v2/Users/${id}/…?filter=…&count=…`);
    expect(path("/scim/v2/Frobs/x")).toBe("/scim/v2/…/…");
  });
});

describe("small guards", () => {
  it("redacts secret-looking keys and escapes control characters", () => {
    expect(redactSummary({ password: "x", token: "y", clientSecret: "z", tokenId: "at-1", revokedTokens: 2, name: "a\nb" })).toEqual({
      tokenId: "at-1",
      revokedTokens: 2,
      name: "a\\u000ab",
    });
  });

  it("cuts long strings at 300 code points, never inside a surrogate pair, and never emits a lone surrogate", () => {
    const emoji = "\u{1F600}";
    // 1 + 400 code points (801 UTF-16 units): a cut at 300 units would split a pair.
    const cut = redactSummary({ name: "a" + emoji.repeat(400) }) as { name: string };
    expect(cut.name).toBe("a" + emoji.repeat(299) + "…");
    expect(cut.name.isWellFormed()).toBe(true);
    // Up to 300 code points stay whole, however many UTF-16 units they take.
    expect(redactSummary("a" + emoji.repeat(299))).toBe("a" + emoji.repeat(299));
    expect(redactSummary("x\ud800y")).toBe("x\ufffdy");
    // jsonb takes what comes out (PostgreSQL refuses "\ud800" in json).
    expect(() => JSON.parse(JSON.stringify(cut))).not.toThrow();
  });

  it("follows only same-site relative callback paths", () => {
    expect(safeCallbackPath("/app/organizations?x=1")).toBe("/app/organizations?x=1");
    expect(safeCallbackPath("//evil.example")).toBe("/app");
    expect(safeCallbackPath("https://evil.example")).toBe("/app");
    expect(safeCallbackPath("/\\evil.example")).toBe("/app");
    expect(safeCallbackPath(undefined)).toBe("/app");
    // Browsers drop tabs and newlines inside URLs, so these would become "//evil.example".
    for (const sneaky of ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/\u0000/evil", "/app\\..\\\\evil"]) {
      expect(safeCallbackPath(sneaky)).toBe("/app");
    }
    // A header-splitting attempt never reaches a Location header.
    expect(safeCallbackPath("/app\r\nSet-Cookie: x=1")).toBe("/app");
    expect(safeCallbackPath("/" + "a".repeat(5000))).toBe("/app");
    expect(safeCallbackPath("/app/teams/abc#members", "/x")).toBe("/app/teams/abc#members");
  });
});
