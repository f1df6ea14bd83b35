import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseScimFilter, parseValuePathFilter, type ScimFilterAttribute, type ScimResourceKind } from "@/lib/scim/filter";

const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User:";
const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group:";

/** The AppError a call throws (fails the test when it returns or throws anything else). */
function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError, got a result");
}

function expectInvalidFilter(kind: ScimResourceKind, text: string, detail?: RegExp) {
  const e = errorOf(() => parseScimFilter(kind, text));
  expect(e.code).toBe("bad_request");
  expect(e.status).toBe(400);
  expect(e.details.scimType).toBe("invalidFilter");
  // The detail always says what is supported.
  expect(e.message).toMatch(kind === "User" ? /Supported filters on Users: userName eq/ : /Supported filters on Groups: displayName eq/);
  if (detail) expect(e.message).toMatch(detail);
}

describe("parseScimFilter — what Entra ID and Okta send", () => {
  it("Entra's existence check and Test Connection (userName eq a random GUID)", () => {
    expect(parseScimFilter("User", 'userName eq "d2c8a1b4-7e3f-4c2d-9a8b-6f5e4d3c2b1a"')).toEqual({
      attribute: "userName",
      value: "d2c8a1b4-7e3f-4c2d-9a8b-6f5e4d3c2b1a",
    });
  });

  it("Entra matching on externalId, and emails[type eq \"work\"].value when admins remap it", () => {
    expect(parseScimFilter("User", 'externalId eq "0b7e5c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e"')).toEqual({
      attribute: "externalId",
      value: "0b7e5c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
    });
    expect(parseScimFilter("User", 'emails[type eq "work"].value eq "avery.quinn@example.test"')).toEqual({
      attribute: "emails.value",
      value: "avery.quinn@example.test",
    });
  });

  it("Entra's group look-up by displayName (sent with excludedAttributes=members)", () => {
    expect(parseScimFilter("Group", 'displayName eq "Platform Engineers"')).toEqual({ attribute: "displayName", value: "Platform Engineers" });
  });

  it("Okta's existence check and its upper-cased Username Case Sensitivity Check", () => {
    expect(parseScimFilter("User", 'userName eq "avery.quinn@example.test"')).toEqual({ attribute: "userName", value: "avery.quinn@example.test" });
    expect(parseScimFilter("User", 'userName eq "AVERY.QUINN@EXAMPLE.TEST"')).toEqual({ attribute: "userName", value: "AVERY.QUINN@EXAMPLE.TEST" });
  });

  it("the decoded query string of ?filter=userName%20eq%20%22…%22", () => {
    const text = new URLSearchParams("filter=userName%20eq%20%22ja%C3%A9%40example.test%22").get("filter")!;
    expect(parseScimFilter("User", text)).toEqual({ attribute: "userName", value: "jaé@example.test" });
  });

  it("refuses Entra's old unquoted form (externalId eq jyoung) and its compound manager check", () => {
    expectInvalidFilter("User", "externalId eq jyoung", /double-quoted/);
    expectInvalidFilter("User", 'id eq "2441309d85324e7793ae" and manager eq "OkPU2EeNK"', /logical operators/);
  });
});

describe("parseScimFilter — the grammar", () => {
  const users: [string, ScimFilterAttribute][] = [
    ["userName", "userName"],
    ["externalId", "externalId"],
    ["id", "id"],
    ["displayName", "displayName"],
    ["emails.value", "emails.value"],
    ["emails", "emails.value"],
    ['emails[type eq "work"].value', "emails.value"],
    ['emails[type eq "home"].value', "emails.value"],
    ['emails[ type  EQ "other" ].Value', "emails.value"],
  ];
  it.each(users)("Users accept %s", (attr, attribute) => {
    expect(parseScimFilter("User", `${attr} eq "v"`)).toEqual({ attribute, value: "v" });
    expect(parseScimFilter("User", `${USER_URN}${attr} eq "v"`)).toEqual({ attribute, value: "v" });
  });

  it.each([
    ["displayName", "displayName"],
    ["externalId", "externalId"],
    ["id", "id"],
  ] as const)("Groups accept %s", (attr, attribute) => {
    expect(parseScimFilter("Group", `${attr} eq "v"`)).toEqual({ attribute, value: "v" });
    expect(parseScimFilter("Group", `${GROUP_URN}${attr} eq "v"`)).toEqual({ attribute, value: "v" });
  });

  it("attribute names, the URN and the operator are case-insensitive", () => {
    expect(parseScimFilter("User", 'USERNAME EQ "x"')).toEqual({ attribute: "userName", value: "x" });
    expect(parseScimFilter("User", 'username Eq "x"')).toEqual({ attribute: "userName", value: "x" });
    expect(parseScimFilter("User", 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:userName eq "x"')).toEqual({ attribute: "userName", value: "x" });
    expect(parseScimFilter("User", 'Emails.Value eq "x"')).toEqual({ attribute: "emails.value", value: "x" });
    expect(parseScimFilter("Group", 'DISPLAYNAME eq "x"')).toEqual({ attribute: "displayName", value: "x" });
  });

  it("allows surrounding whitespace and several spaces between tokens", () => {
    expect(parseScimFilter("User", '  userName   eq\t"x"  ')).toEqual({ attribute: "userName", value: "x" });
  });

  it("decodes JSON escapes and keeps the value exactly (no trimming, no case folding)", () => {
    expect(parseScimFilter("User", String.raw`displayName eq "say \"hi\" \\ caf\u00e9 \n"`)).toEqual({
      attribute: "displayName",
      value: 'say "hi" \\ café \n',
    });
    expect(parseScimFilter("User", 'userName eq "  Mixed Case  "').value).toBe("  Mixed Case  ");
    expect(parseScimFilter("User", 'userName eq ""').value).toBe("");
    expect(parseScimFilter("User", 'displayName eq "a and b or (c)"').value).toBe("a and b or (c)");
  });

  it("refuses other operators, naming eq as the only one", () => {
    for (const op of ["co", "sw", "ew", "ne", "gt", "ge", "lt", "le", "CO"]) {
      expectInvalidFilter("User", `userName ${op} "x"`, /only eq/);
    }
    expectInvalidFilter("User", "userName pr", /only eq/);
    expectInvalidFilter("User", 'userName like "x"', /unknown operator/);
  });

  it("refuses and / or / not and parentheses", () => {
    expectInvalidFilter("User", 'userName eq "a" or userName eq "b"', /logical operators/);
    expectInvalidFilter("User", 'userName eq "a" AND externalId eq "b"', /logical operators/);
    expectInvalidFilter("User", 'not (userName eq "a")', /logical operators/);
    expectInvalidFilter("User", '(userName eq "a")', /parentheses/);
  });

  it("refuses unquoted, single-quoted, unterminated and badly escaped values", () => {
    expectInvalidFilter("User", "userName eq jyoung");
    expectInvalidFilter("User", "userName eq 'x'");
    expectInvalidFilter("User", "userName eq true");
    expectInvalidFilter("User", "userName eq 42");
    expectInvalidFilter("User", "userName eq null");
    expectInvalidFilter("User", 'userName eq "x', /JSON string/);
    expectInvalidFilter("User", String.raw`userName eq "\x41"`, /JSON string/);
    expectInvalidFilter("User", 'userName eq "tab\there"', /JSON string/);
  });

  it("refuses trailing text, missing parts and an empty filter", () => {
    expectInvalidFilter("User", 'userName eq "x" "y"', /unexpected text/);
    expectInvalidFilter("User", 'userName eq "x"]', /unexpected text/);
    expectInvalidFilter("User", "", /empty/);
    expectInvalidFilter("User", "   ", /empty/);
    expectInvalidFilter("User", "userName", /operator/);
    expectInvalidFilter("User", "userName eq", /quoted value/);
    expectInvalidFilter("User", "userName eq ", /quoted value/);
    expectInvalidFilter("User", 'userName eq"x"');
    expectInvalidFilter("User", 'userName="x"');
    expectInvalidFilter("User", 'eq "x"');
  });

  it("refuses attributes that cannot be filtered on, per resource type", () => {
    expectInvalidFilter("User", 'name.givenName eq "x"', /cannot be filtered on/);
    expectInvalidFilter("User", 'active eq "true"', /cannot be filtered on/);
    expectInvalidFilter("User", 'members eq "x"', /cannot be filtered on/);
    expectInvalidFilter("User", 'constructor eq "x"', /cannot be filtered on/);
    expectInvalidFilter("User", 'emails.type eq "work"', /cannot be filtered on/);
    expectInvalidFilter("User", `${GROUP_URN}userName eq "x"`, /cannot be filtered on/);
    expectInvalidFilter("Group", 'userName eq "x"', /cannot be filtered on/);
    expectInvalidFilter("Group", 'emails.value eq "x"', /cannot be filtered on/);
    expectInvalidFilter("Group", 'members.value eq "x"', /cannot be filtered on/);
    expectInvalidFilter("Group", `${USER_URN}displayName eq "x"`, /cannot be filtered on/);
  });

  it("accepts only emails[type eq \"…\"].value as a value filter", () => {
    expectInvalidFilter("User", 'emails[type eq "work"] eq "x"', /emails\[type eq/);
    expectInvalidFilter("User", 'emails[type eq "work"].type eq "x"', /emails\[type eq/);
    expectInvalidFilter("User", 'emails[primary eq true].value eq "x"', /emails\[type eq/);
    expectInvalidFilter("User", 'emails[type co "w"].value eq "x"', /emails\[type eq/);
    expectInvalidFilter("User", 'emails[type eq work].value eq "x"', /emails\[type eq/);
    expectInvalidFilter("User", 'phoneNumbers[type eq "work"].value eq "x"', /emails\[type eq/);
    expectInvalidFilter("Group", 'emails[type eq "work"].value eq "x"', /cannot be filtered on/);
  });
});

describe("parseScimFilter — properties", () => {
  const userSpellings = ["userName", "externalId", "id", "displayName", "emails.value", "emails"];
  const groupSpellings = ["displayName", "externalId", "id"];
  const expected: Record<string, ScimFilterAttribute> = {
    username: "userName",
    externalid: "externalId",
    id: "id",
    displayname: "displayName",
    "emails.value": "emails.value",
    emails: "emails.value",
  };
  const anyString = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "binary-ascii" }),
    fc.string({ unit: "grapheme" }),
    // raw UTF-16 units, lone surrogates included
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
  );
  const ws = fc.constantFrom("", " ", "  ", "\t");
  const sep = fc.constantFrom(" ", "  ", "\t", " \n ");

  const mc = (text: string) => fc.mixedCase(fc.constant(text));
  const spelling = (kind: ScimResourceKind): fc.Arbitrary<[string, ScimFilterAttribute]> => {
    const simple = (kind === "User" ? userSpellings : groupSpellings).map((a) =>
      mc(a).map((t): [string, ScimFilterAttribute] => [t, expected[a.toLowerCase()]!]),
    );
    const typed = fc
      .tuple(mc("emails"), mc("type"), mc("eq"), anyString.filter((v) => v.isWellFormed()), mc("value"))
      .map(([e, t, q, v, val]): [string, ScimFilterAttribute] => [`${e}[${t} ${q} ${JSON.stringify(v)}].${val}`, "emails.value"]);
    const bare = kind === "User" ? fc.oneof(...simple, typed) : fc.oneof(...simple);
    const urn = mc(kind === "User" ? USER_URN : GROUP_URN);
    return fc.tuple(fc.option(urn, { nil: "" }), bare).map(([u, [t, a]]) => [u + t, a]);
  };

  it("any attribute spelling and any string value round-trips through JSON.stringify", () => {
    const kindAndAttr = fc.constantFrom<ScimResourceKind>("User", "Group").chain((kind) => fc.tuple(fc.constant(kind), spelling(kind)));
    fc.assert(
      fc.property(kindAndAttr, mc("eq"), anyString, ws, sep, sep, ws, ([kind, [attr, attribute]], op, value, lead, s1, s2, trail) => {
        const text = `${lead}${attr}${s1}${op}${s2}${JSON.stringify(value)}${trail}`;
        if (value.isWellFormed()) expect(parseScimFilter(kind, text)).toEqual({ attribute, value });
        // A lone surrogate is no character and could only match by accident: 400 invalidFilter.
        else expect(() => parseScimFilter(kind, text)).toThrow(expect.objectContaining({ details: { scimType: "invalidFilter" } }));
      }),
      { numRuns: 2000 },
    );
  });

  it("random junk never throws anything but AppError invalidFilter", () => {
    const token = fc.constantFrom(
      "userName", "emails", "[", "]", ".", "value", "type", " ", "\t", "eq", "EQ", "co", "pr", "and", "or", "not",
      "(", ")", '"', "\\", '\\"', "\\u00e9", "\\u", "x", "urn:ietf:params:scim:schemas:core:2.0:User:", ":", "'",
      "null", "true", "1", "constructor", "__proto__", "toString",
    );
    const structured = fc.array(token, { maxLength: 12 }).map((a) => a.join(""));
    fc.assert(
      fc.property(fc.constantFrom<ScimResourceKind>("User", "Group"), fc.oneof(structured, anyString), (kind, text) => {
        try {
          const f = parseScimFilter(kind, text);
          expect(typeof f.value).toBe("string");
          expect(["userName", "externalId", "id", "displayName", "emails.value"]).toContain(f.attribute);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).details.scimType).toBe("invalidFilter");
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("parseValuePathFilter (used by PATCH paths)", () => {
  it("reads <name> <op> <JSON literal>", () => {
    expect(parseValuePathFilter('type eq "work"')).toEqual({ attribute: "type", operator: "eq", value: "work" });
    expect(parseValuePathFilter(' Value EQ "a\\"b" ')).toEqual({ attribute: "value", operator: "eq", value: 'a"b' });
    expect(parseValuePathFilter("primary eq True")).toEqual({ attribute: "primary", operator: "eq", value: true });
    expect(parseValuePathFilter("n eq 3")).toEqual({ attribute: "n", operator: "eq", value: 3 });
  });
  it("returns null for anything else", () => {
    for (const t of ["", "type", 'type eq', 'type eq "x" and a eq "b"', 'type eq "x', "type eq work", 'type"eq"x"']) {
      expect(parseValuePathFilter(t)).toBeNull();
    }
  });
});
