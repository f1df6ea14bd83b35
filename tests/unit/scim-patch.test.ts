import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  applyGroupPatch,
  applyUserPatch,
  PATCH_PROBE_USER,
  MAX_PATCH_OPERATIONS,
  PATCH_OP_SCHEMA,
  type GroupAttributes,
  type MemberChange,
  type UserAttributes,
} from "@/lib/scim/patch";
import { idpFixtureNames, idpFixtureText, loadIdpFixture, type Idp } from "../fixtures/idp";

const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const GROUP_ID = "5b2f8c1e-3d4a-4e6b-9f0a-1b2c3d4e5f60";
const USER_A = "11111111-1111-4111-8111-111111111111";
const USER_B = "22222222-2222-4222-8222-222222222222";
const USER_C = "33333333-3333-4333-8333-333333333333";
const USER_ID = "44444444-4444-4444-8444-444444444444";

function baseUser(): UserAttributes {
  return Object.freeze({
    userName: "avery.quinn@example.test",
    externalId: "ext-1",
    givenName: "Ava",
    familyName: "Q",
    middleName: "M",
    formatted: "Ava Q",
    displayName: "Ava",
    email: "old@example.test",
    emailType: "home",
    active: true,
  });
}

function baseGroup(): GroupAttributes {
  return Object.freeze({ id: GROUP_ID, displayName: "Engineers", externalId: "g-ext" });
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const NO_MEMBER_CHANGE: MemberChange = { replaceWith: null, add: [], remove: [] };

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

function expect400(fn: () => unknown, scimType: string, detail?: RegExp) {
  const e = errorOf(fn);
  expect(e.code).toBe("bad_request");
  expect(e.status).toBe(400);
  expect(e.details.scimType).toBe(scimType);
  if (detail) expect(e.message).toMatch(detail);
  return e;
}

const userPatch = (...ops: unknown[]) => applyUserPatch(baseUser(), patch(...ops), USER_ID);
const groupPatch = (...ops: unknown[]) => applyGroupPatch(baseGroup(), patch(...ops));

// ---------------------------------------------------------------------------------------------

describe("IdP fixtures", () => {
  const vars = { userId: USER_A, userIdA: USER_A, userIdB: USER_B, oldUserId: USER_C, groupId: GROUP_ID };

  it.each([...idpFixtureNames("entra").map((n) => ["entra", n]), ...idpFixtureNames("okta").map((n) => ["okta", n])] as [Idp, string][])(
    "%s/%s is a JSON object whose placeholders are all known",
    (idp, name) => {
      const text = idpFixtureText(idp, name, vars);
      expect(text).not.toMatch(/\{\{/);
      const body = JSON.parse(text) as unknown;
      expect(body).toBeTypeOf("object");
      if (name.startsWith("patch-user-")) expect(() => applyUserPatch(baseUser(), body)).not.toThrow();
      if (name.startsWith("patch-group-")) expect(() => applyGroupPatch(baseGroup(), body)).not.toThrow();
    },
  );

  const entraUser = (name: string) => applyUserPatch(baseUser(), loadIdpFixture("entra", name));
  const oktaUser = (name: string) => applyUserPatch(baseUser(), loadIdpFixture("okta", name));

  it('Entra E1: "op":"Replace"', () => {
    expect(entraUser("patch-user-replace-display-name")).toEqual({ ...baseUser(), displayName: "Avery Quinn" });
  });

  it('Entra E2 / E15: active as "False" and "True"', () => {
    expect(entraUser("patch-user-deactivate")).toEqual({ ...baseUser(), active: false });
    expect(applyUserPatch({ ...baseUser(), active: false }, loadIdpFixture("entra", "patch-user-reactivate")).active).toBe(true);
  });

  it('Entra E3: emails[type eq "work"].value and name.familyName', () => {
    expect(entraUser("patch-user-replace-email-and-family-name")).toEqual({
      ...baseUser(),
      email: "avery.quinn@example.test",
      emailType: "work",
      familyName: "Quinn",
    });
  });

  it("Entra E4 / E13: enterprise extension attributes by URN are accepted and ignored", () => {
    expect(entraUser("patch-user-add-enterprise-attribute")).toEqual(baseUser());
    expect(entraUser("patch-user-clear-manager")).toEqual(baseUser());
  });

  it("Entra E5: path-less replace with dotted and URN keys", () => {
    expect(entraUser("patch-user-replace-attributes")).toEqual({ ...baseUser(), displayName: "Avery Quinn", givenName: "Avery" });
  });

  it("Entra E6: Add on single-valued attributes sets them", () => {
    expect(entraUser("patch-user-add-single-valued")).toEqual({
      ...baseUser(),
      externalId: "0b7e5c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
      displayName: "Avery Q.",
    });
  });

  it('Entra E14: replace with "" and then with null clears optional attributes', () => {
    expect(entraUser("patch-user-clear-empty-strings")).toEqual({ ...baseUser(), displayName: null, givenName: null, externalId: null });
    expect(entraUser("patch-user-clear-nulls")).toEqual({ ...baseUser(), displayName: null, familyName: null, externalId: null });
  });

  it("Entra E7: member removal by value list and by members[value eq …] remove exactly that id", () => {
    for (const name of ["patch-group-remove-members-list", "patch-group-remove-member"]) {
      const r = applyGroupPatch(baseGroup(), loadIdpFixture("entra", name, { userId: USER_A }));
      expect(r).toEqual({ attributes: baseGroup(), members: { replaceWith: null, add: [], remove: [USER_A] } });
    }
  });

  it("Entra E8: several members added with $ref null", () => {
    const r = applyGroupPatch(baseGroup(), loadIdpFixture("entra", "patch-group-add-members", { userIdA: USER_A, userIdB: USER_B }));
    expect(r.members).toEqual({ replaceWith: null, add: [USER_A, USER_B], remove: [] });
  });

  it("Okta O4: path-less replace {active:false}/{active:true}; password sync ignored", () => {
    expect(oktaUser("patch-user-deactivate")).toEqual({ ...baseUser(), active: false });
    expect(applyUserPatch({ ...baseUser(), active: false }, loadIdpFixture("okta", "patch-user-reactivate")).active).toBe(true);
    expect(oktaUser("patch-user-password")).toEqual(baseUser());
  });

  it("Okta O6: rename by path-less replace carrying the group's own id; another id is a mutability error", () => {
    const r = applyGroupPatch(baseGroup(), loadIdpFixture("okta", "patch-group-rename", { groupId: GROUP_ID }));
    expect(r).toEqual({ attributes: { ...baseGroup(), displayName: "Platform Engineers" }, members: NO_MEMBER_CHANGE });
    // UUIDs compare case-insensitively
    expect(applyGroupPatch(baseGroup(), loadIdpFixture("okta", "patch-group-rename", { groupId: GROUP_ID.toUpperCase() })).attributes.displayName).toBe(
      "Platform Engineers",
    );
    expect400(() => applyGroupPatch(baseGroup(), loadIdpFixture("okta", "patch-group-rename", { groupId: USER_A })), "mutability", /read-only/);
  });

  it("Okta O7: remove members[value eq …] then add [{value, display}] in one request", () => {
    expect(applyGroupPatch(baseGroup(), loadIdpFixture("okta", "patch-group-add-members", { userId: USER_A })).members).toEqual({
      replaceWith: null,
      add: [USER_A],
      remove: [],
    });
    expect(applyGroupPatch(baseGroup(), loadIdpFixture("okta", "patch-group-remove-member", { userId: USER_A })).members).toEqual({
      replaceWith: null,
      add: [],
      remove: [USER_A],
    });
    expect(applyGroupPatch(baseGroup(), loadIdpFixture("okta", "patch-group-membership-delta", { oldUserId: USER_C, userId: USER_A })).members).toEqual({
      replaceWith: null,
      add: [USER_A],
      remove: [USER_C],
    });
  });

  it("Okta O8: replace members with [] clears", () => {
    expect(applyGroupPatch(baseGroup(), loadIdpFixture("okta", "patch-group-replace-members-empty")).members).toEqual({
      replaceWith: [],
      add: [],
      remove: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("the PatchOp envelope", () => {
  it("accepts a missing schemas and Operations / operations / OPERATIONS", () => {
    const op = { op: "replace", path: "displayName", value: "X" };
    expect(applyUserPatch(baseUser(), { Operations: [op] }).displayName).toBe("X");
    expect(applyUserPatch(baseUser(), { operations: [op] }).displayName).toBe("X");
    expect(applyUserPatch(baseUser(), { schemas: [PATCH_OP_SCHEMA], OPERATIONS: [op] }).displayName).toBe("X");
  });

  it("accepts op in any case and operation member names in any case", () => {
    for (const op of ["add", "Add", "ADD", "replace", "Replace", "rEpLaCe"]) {
      expect(userPatch({ op, path: "displayName", value: "X" }).displayName).toBe("X");
    }
    expect(userPatch({ Op: "Replace", Path: "displayName", Value: "Y" }).displayName).toBe("Y");
    expect(userPatch({ op: "Remove", path: "displayName" }).displayName).toBeNull();
  });

  it("refuses a body that is not a PatchOp object", () => {
    for (const body of [null, undefined, "x", 1, [], [{ op: "add" }]]) expect400(() => applyUserPatch(baseUser(), body), "invalidSyntax");
    expect400(() => applyUserPatch(baseUser(), { schemas: [PATCH_OP_SCHEMA] }), "invalidSyntax", /Operations/);
    expect400(() => applyUserPatch(baseUser(), { Operations: { op: "add" } }), "invalidSyntax", /list/);
    expect400(() => applyUserPatch(baseUser(), { Operations: [], operations: [] }), "invalidSyntax", /exactly one/);
    expect400(() => applyUserPatch(baseUser(), { Operations: [] }), "invalidSyntax", /at least one/);
    expect400(() => applyGroupPatch(baseGroup(), { Operations: "remove" }), "invalidSyntax");
  });

  it("allows 100 operations and refuses 101 with invalidValue", () => {
    const op = { op: "replace", path: "displayName", value: "X" };
    expect(applyUserPatch(baseUser(), patch(...Array.from({ length: MAX_PATCH_OPERATIONS }, () => op))).displayName).toBe("X");
    expect400(() => applyUserPatch(baseUser(), patch(...Array.from({ length: 101 }, () => op))), "invalidValue", /at most 100/);
    expect400(() => applyGroupPatch(baseGroup(), patch(...Array.from({ length: 101 }, () => ({ op: "remove", path: "members" })))), "invalidValue");
  });

  it("refuses unknown or missing ops with invalidSyntax (GitLab's Update too)", () => {
    for (const op of ["Update", "delete", "move", "", " add", 1, null, undefined, true]) {
      expect400(() => userPatch({ op, path: "displayName", value: "X" }), "invalidSyntax", /op/);
      expect400(() => groupPatch({ op, path: "displayName", value: "X" }), "invalidSyntax");
    }
    expect400(() => userPatch("replace"), "invalidSyntax", /Operations\[0\]/);
    expect400(() => userPatch(null), "invalidSyntax");
  });

  it("refuses a path that is not a string with invalidPath", () => {
    expect400(() => userPatch({ op: "replace", path: 3, value: "X" }), "invalidPath");
    expect400(() => userPatch({ op: "replace", path: ["displayName"], value: "X" }), "invalidPath");
  });
});

// ---------------------------------------------------------------------------------------------

describe("User PATCH", () => {
  it("returns a new object and never mutates the input (which is frozen here)", () => {
    const current = baseUser();
    const next = applyUserPatch(current, patch({ op: "replace", path: "displayName", value: "New" }));
    expect(next).not.toBe(current);
    expect(current.displayName).toBe("Ava");
    const same = applyUserPatch(current, patch({ op: "remove" }));
    expect(same).not.toBe(current);
    expect(same).toEqual(current);
  });

  it("is atomic: a later failing op throws and leaves the input untouched", () => {
    const current = { ...baseUser() };
    const snapshot = structuredClone(current);
    expect400(
      () =>
        applyUserPatch(
          current,
          patch({ op: "replace", path: "displayName", value: "X" }, { op: "replace", path: "userName", value: "y" }, { op: "replace", path: "active", value: "maybe" }),
        ),
      "invalidValue",
      /active/,
    );
    expect(current).toEqual(snapshot);
  });

  describe("path-less add/replace", () => {
    it("takes keys in any case, dotted keys, core-URN-prefixed keys and a nested core-URN object", () => {
      expect(
        userPatch({
          op: "replace",
          value: {
            USERNAME: "new@example.test",
            "name.GivenName": "Avery",
            [`${USER_URN}:displayName`]: "Avery Quinn",
            [`${USER_URN}:name.familyName`]: "Quinn",
            [USER_URN]: { externalId: "ext-2", name: { middleName: "J" } },
            Active: "FALSE",
          },
        }),
      ).toEqual({
        ...baseUser(),
        userName: "new@example.test",
        givenName: "Avery",
        displayName: "Avery Quinn",
        familyName: "Quinn",
        externalId: "ext-2",
        middleName: "J",
        active: false,
      });
    });

    it("accepts and ignores attributes Roster does not store", () => {
      const value = {
        addresses: [{ type: "work", postalCode: "12345" }],
        phoneNumbers: [{ type: "mobile", value: "+1 555" }],
        'phoneNumbers[type eq "mobile"].value': "+1 555",
        [ENTERPRISE_URN]: { department: "R&D", manager: { value: "m" } },
        [`${ENTERPRISE_URN}:employeeNumber`]: "E-4471",
        "urn:ietf:params:scim:schemas:extension:CustomApp:2.0:User:costCenter": "42",
        password: "n3w",
        groups: [{ value: "g" }],
        roles: [],
        meta: { resourceType: "User" },
        schemas: [USER_URN],
        id: USER_ID,
        title: "Engineer",
        locale: "en-US",
        timezone: "Europe/Paris",
        nickName: "Ave",
        adreses: "misspelled",
        "totally.unknown": 1,
        "bad[path": 1,
        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/User": { x: 1 },
        "urn:unknown:schema:attr": "x",
        "name.honorificPrefix": "Dr.",
      };
      expect(userPatch({ op: "add", value })).toEqual(baseUser());
      expect(userPatch({ op: "replace", value })).toEqual(baseUser());
    });

    it("still validates the values of attributes it stores", () => {
      expect400(() => userPatch({ op: "replace", value: { active: "yes" } }), "invalidValue", /active/);
      expect400(() => userPatch({ op: "replace", value: { displayName: 5 } }), "invalidValue", /displayName/);
      expect400(() => userPatch({ op: "replace", value: { emails: [{ value: "not-an-email" }] } }), "invalidValue", /email/);
      expect400(() => userPatch({ op: "replace", value: { name: "Ava Q" } }), "invalidValue", /name/);
    });

    it("needs an object as value", () => {
      for (const value of [undefined, null, "x", 1, [], [{ displayName: "x" }]]) {
        expect400(() => userPatch({ op: "replace", value }), "invalidValue", /object/);
        expect400(() => userPatch({ op: "add", value }), "invalidValue");
      }
    });

    it("ignores a remove without path", () => {
      expect(userPatch({ op: "remove" })).toEqual(baseUser());
      expect(userPatch({ op: "remove", value: { displayName: "Ava" } })).toEqual(baseUser());
    });

    it("treats a path naming the core schema itself like a path-less op", () => {
      expect(userPatch({ op: "replace", path: USER_URN, value: { displayName: "Z" } }).displayName).toBe("Z");
      expect(userPatch({ op: "remove", path: USER_URN })).toEqual(baseUser());
      expect400(() => userPatch({ op: "replace", path: USER_URN, value: "Z" }), "invalidValue");
    });
  });

  describe("active", () => {
    it("takes JSON booleans and the strings true/false in any case", () => {
      for (const [value, active] of [
        [false, false],
        ["False", false],
        ["FALSE", false],
        ["false", false],
        [true, true],
        ["True", true],
        ["tRuE", true],
      ] as const) {
        expect(applyUserPatch({ ...baseUser(), active: !active }, patch({ op: "replace", path: "active", value })).active).toBe(active);
        expect(applyUserPatch({ ...baseUser(), active: !active }, patch({ op: "Add", path: "ACTIVE", value })).active).toBe(active);
      }
    });

    it("refuses anything else with invalidValue", () => {
      for (const value of ["yes", "no", "0", "1", 0, 1, "t", " true", {}, [], [true]]) {
        expect400(() => userPatch({ op: "replace", path: "active", value }), "invalidValue", /active must be a boolean/);
      }
    });

    it("ignores remove and replace with null or empty string", () => {
      expect(userPatch({ op: "remove", path: "active" })).toEqual(baseUser());
      expect(userPatch({ op: "replace", path: "active", value: null })).toEqual(baseUser());
      expect(userPatch({ op: "replace", path: "active", value: "" })).toEqual(baseUser());
      expect(userPatch({ op: "replace", path: "active" })).toEqual(baseUser());
    });
  });

  describe("userName", () => {
    it("sets a non-empty string of at most 255 code points", () => {
      expect(userPatch({ op: "replace", path: "userName", value: "new.name@example.test" }).userName).toBe("new.name@example.test");
      const emoji255 = "😀".repeat(255); // 510 UTF-16 units, 255 code points
      expect(userPatch({ op: "replace", path: "userName", value: emoji255 }).userName).toBe(emoji255);
      expect400(() => userPatch({ op: "replace", path: "userName", value: "😀".repeat(256) }), "invalidValue", /255/);
      expect400(() => userPatch({ op: "replace", path: "userName", value: "a".repeat(256) }), "invalidValue", /255/);
    });

    it("refuses wrong types, blank strings and NUL characters", () => {
      for (const value of [1, true, {}, ["a"]]) expect400(() => userPatch({ op: "replace", path: "userName", value }), "invalidValue", /userName/);
      expect400(() => userPatch({ op: "replace", path: "userName", value: "   " }), "invalidValue", /blank/);
      expect400(() => userPatch({ op: "replace", path: "userName", value: "a\u0000b" }), "invalidValue", /NUL/);
    });

    it("ignores remove and clearing with null or empty string", () => {
      expect(userPatch({ op: "remove", path: "userName" })).toEqual(baseUser());
      expect(userPatch({ op: "replace", path: "userName", value: "" })).toEqual(baseUser());
      expect(userPatch({ op: "replace", path: "userName", value: null })).toEqual(baseUser());
    });
  });

  describe("externalId and displayName", () => {
    it.each(["externalId", "displayName"] as const)("%s: set, clear with remove / \"\" / null, limits", (attr) => {
      expect(userPatch({ op: "replace", path: attr, value: "v" })[attr]).toBe("v");
      expect(userPatch({ op: "add", path: attr.toUpperCase(), value: "v" })[attr]).toBe("v");
      expect(userPatch({ op: "replace", path: `${USER_URN}:${attr}`, value: "v" })[attr]).toBe("v");
      expect(userPatch({ op: "remove", path: attr })[attr]).toBeNull();
      expect(userPatch({ op: "replace", path: attr, value: "" })[attr]).toBeNull();
      expect(userPatch({ op: "replace", path: attr, value: null })[attr]).toBeNull();
      expect(userPatch({ op: "replace", path: attr, value: "x".repeat(255) })[attr]).toHaveLength(255);
      expect400(() => userPatch({ op: "replace", path: attr, value: "x".repeat(256) }), "invalidValue", /255/);
      for (const value of [1, false, {}, ["v"]]) expect400(() => userPatch({ op: "replace", path: attr, value }), "invalidValue", /must be a string/);
    });
  });

  describe("name", () => {
    it("sets sub-attributes by sub-path in any case", () => {
      expect(
        userPatch(
          { op: "replace", path: "name.givenName", value: "G" },
          { op: "replace", path: "NAME.FAMILYNAME", value: "F" },
          { op: "add", path: "name.middleName", value: "Mi" },
          { op: "replace", path: `${USER_URN}:name.formatted`, value: "G Mi F" },
        ),
      ).toEqual({ ...baseUser(), givenName: "G", familyName: "F", middleName: "Mi", formatted: "G Mi F" });
    });

    it("merges an object value (sub-attributes not given stay; unknown ones are ignored)", () => {
      expect(userPatch({ op: "replace", path: "name", value: { GivenName: "G", familyName: null, honorificPrefix: "Dr.", nick: "x" } })).toEqual({
        ...baseUser(),
        givenName: "G",
        familyName: null,
      });
      expect(userPatch({ op: "add", value: { name: { formatted: "Full" } } }).formatted).toBe("Full");
    });

    it("clears with remove, \"\" or null — the whole name or one part", () => {
      const cleared = { ...baseUser(), givenName: null, familyName: null, middleName: null, formatted: null };
      expect(userPatch({ op: "remove", path: "name" })).toEqual(cleared);
      expect(userPatch({ op: "replace", path: "name", value: null })).toEqual(cleared);
      expect(userPatch({ op: "replace", path: "name", value: "" })).toEqual(cleared);
      expect(userPatch({ op: "remove", path: "name.givenName" })).toEqual({ ...baseUser(), givenName: null });
      expect(userPatch({ op: "replace", path: "name.middleName", value: "" })).toEqual({ ...baseUser(), middleName: null });
    });

    it("ignores honorific prefix/suffix and refuses unknown sub-paths and bad values", () => {
      expect(userPatch({ op: "replace", path: "name.honorificPrefix", value: "Dr." })).toEqual(baseUser());
      expect(userPatch({ op: "remove", path: "name.honorificSuffix" })).toEqual(baseUser());
      expect400(() => userPatch({ op: "replace", path: "name.nick", value: "x" }), "invalidPath", /name\.nick/);
      expect400(() => userPatch({ op: "remove", path: "name.nick" }), "invalidPath");
      expect400(() => userPatch({ op: "replace", path: 'name[type eq "x"].givenName', value: "x" }), "invalidPath");
      expect400(() => userPatch({ op: "replace", path: "name", value: ["x"] }), "invalidValue", /name must be an object/);
      expect400(() => userPatch({ op: "replace", path: "name.givenName", value: 1 }), "invalidValue", /name\.givenName/);
      expect400(() => userPatch({ op: "replace", path: "name.givenName", value: "x".repeat(256) }), "invalidValue", /255/);
    });
  });

  describe("emails", () => {
    const work = (value: string) => ({ ...baseUser(), email: value, emailType: "work" });

    it("emails[type eq \"work\"].value sets the address and the type (sub-attribute in any case)", () => {
      expect(userPatch({ op: "replace", path: 'emails[type eq "work"].value', value: "a@b.test" })).toEqual(work("a@b.test"));
      expect(userPatch({ op: "Add", path: 'Emails[Type EQ "work"].Value', value: "a@b.test" })).toEqual(work("a@b.test"));
      expect(userPatch({ op: "replace", path: `${USER_URN}:emails[type eq "other"].value`, value: "a@b.test" })).toEqual({
        ...baseUser(),
        email: "a@b.test",
        emailType: "other",
      });
    });

    it("emails.value sets the address and keeps the type; other filters set the address only", () => {
      expect(userPatch({ op: "replace", path: "emails.value", value: "a@b.test" })).toEqual({ ...baseUser(), email: "a@b.test" });
      expect(userPatch({ op: "replace", path: "emails[primary eq true].value", value: "a@b.test" })).toEqual({ ...baseUser(), email: "a@b.test" });
    });

    it("emails with a list uses the primary entry, else the first; its type when given", () => {
      expect(
        userPatch({
          op: "replace",
          path: "emails",
          value: [
            { value: "first@b.test", type: "home" },
            { value: "primary@b.test", type: "work", primary: "True" },
          ],
        }),
      ).toEqual(work("primary@b.test"));
      expect(userPatch({ op: "add", path: "emails", value: [{ value: "first@b.test" }, { value: "second@b.test", type: "work" }] })).toEqual({
        ...baseUser(),
        email: "first@b.test",
      });
      expect(userPatch({ op: "add", value: { emails: [{ Value: "x@b.test", Type: "work", Primary: true }] } })).toEqual(work("x@b.test"));
      expect(userPatch({ op: "replace", path: "emails", value: { value: "one@b.test", type: "work" } })).toEqual(work("one@b.test"));
      expect(userPatch({ op: "replace", path: "emails", value: "bare@b.test" })).toEqual({ ...baseUser(), email: "bare@b.test" });
      expect(userPatch({ op: "replace", path: 'emails[type eq "work"]', value: [{ value: "f@b.test" }] })).toEqual(work("f@b.test"));
    });

    it("emails.type sets the type; primary and display are ignored", () => {
      expect(userPatch({ op: "replace", path: "emails.type", value: "work" })).toEqual({ ...baseUser(), emailType: "work" });
      expect(userPatch({ op: "replace", path: "emails.primary", value: true })).toEqual(baseUser());
      expect(userPatch({ op: "replace", path: 'emails[type eq "work"].display', value: "x" })).toEqual(baseUser());
    });

    it("ignores remove and clearing (\"\", null, [])", () => {
      for (const path of ["emails", "emails.value", 'emails[type eq "work"].value', 'emails[type eq "work"]']) {
        expect(userPatch({ op: "remove", path })).toEqual(baseUser());
        expect(userPatch({ op: "replace", path, value: null })).toEqual(baseUser());
        expect(userPatch({ op: "replace", path, value: "" })).toEqual(baseUser());
      }
      expect(userPatch({ op: "replace", path: "emails", value: [] })).toEqual(baseUser());
      expect(userPatch({ op: "replace", value: { emails: null } })).toEqual(baseUser());
    });

    it("validates the address: 3–254 characters, exactly one @, no whitespace", () => {
      const ok = ["a@b", "ab@", "@ab", `${"a".repeat(120)}@${"b".repeat(133)}`];
      for (const v of ok) expect(userPatch({ op: "replace", path: "emails.value", value: v }).email).toBe(v);
      const bad = ["ab", "a@", "@b", "@", "ab.test", "a@@b", "a@b@c", "a b@c", "a@b\t", "\na@b", `${"a".repeat(121)}@${"b".repeat(133)}`, "a@b\u0000"];
      for (const v of bad) expect400(() => userPatch({ op: "replace", path: "emails.value", value: v }), "invalidValue", /email/);
      for (const v of [1, true, { value: "a@b" }]) expect400(() => userPatch({ op: "replace", path: "emails.value", value: v }), "invalidValue");
    });

    it("refuses malformed lists, filters and sub-attributes", () => {
      expect400(() => userPatch({ op: "replace", path: "emails", value: [1] }), "invalidValue");
      expect400(() => userPatch({ op: "replace", path: "emails", value: [{ type: "work" }] }), "invalidValue", /value/);
      expect400(() => userPatch({ op: "replace", path: "emails", value: [{ value: "a@b", primary: "yes" }] }), "invalidValue", /primary/);
      expect400(() => userPatch({ op: "replace", path: "emails", value: [{ value: "a@b", type: 3 }] }), "invalidValue", /type/);
      expect400(() => userPatch({ op: "replace", path: "emails.type", value: 3 }), "invalidValue");
      expect400(() => userPatch({ op: "replace", path: "emails[type eq work].value", value: "a@b" }), "invalidPath", /filter/);
      expect400(() => userPatch({ op: "replace", path: 'emails[type eq "work".value', value: "a@b" }), "invalidPath");
      expect400(() => userPatch({ op: "replace", path: "emails.bogus", value: "a@b" }), "invalidPath");
      expect400(() => userPatch({ op: "remove", path: "emails.bogus" }), "invalidPath");
    });
  });

  describe("known attributes Roster does not store", () => {
    it.each([
      'phoneNumbers[type eq "work"].value',
      'phoneNumbers[type eq "mobile"].value',
      'addresses[type eq "work"].postalCode',
      'addresses[type eq "other"].Formatted',
      "addresses",
      'roles[primary eq "True"].value',
      "title",
      "preferredLanguage",
      "locale",
      "timezone",
      "nickName",
      "userType",
      "password",
      "groups",
      "meta",
      "manager",
      "x509Certificates",
      `${ENTERPRISE_URN}:employeeNumber`,
      `${ENTERPRISE_URN}:department`,
      `${ENTERPRISE_URN}:manager`,
      ENTERPRISE_URN,
      "urn:ietf:params:scim:schemas:extension:CustomApp:2.0:User:costCenter",
    ])("%s is accepted and ignored by add, replace and remove", (path) => {
      expect(userPatch({ op: "Add", path, value: "x" })).toEqual(baseUser());
      expect(userPatch({ op: "Replace", path, value: "" })).toEqual(baseUser());
      expect(userPatch({ op: "Remove", path })).toEqual(baseUser());
    });
  });

  it("id: the user's own id (any case) or null is ignored; another id, a non-string or a remove is a mutability error", () => {
    for (const value of [USER_ID, USER_ID.toUpperCase(), null]) {
      expect(userPatch({ op: "replace", path: "id", value })).toEqual(baseUser());
      expect(userPatch({ op: "add", path: "id", value })).toEqual(baseUser());
      expect(userPatch({ op: "replace", value: { id: value, displayName: "X" } })).toEqual({ ...baseUser(), displayName: "X" });
    }
    for (const value of [USER_A, "other", 7]) {
      expect400(() => userPatch({ op: "replace", path: "id", value }), "mutability", /read-only/);
      expect400(() => userPatch({ op: "add", path: "id", value }), "mutability");
      expect400(() => userPatch({ op: "replace", value: { id: value } }), "mutability");
      expect400(() => userPatch({ op: "add", path: USER_URN, value: { id: value } }), "mutability");
      // Atomic: an earlier operation of the same request is not applied either.
      expect400(() => userPatch({ op: "replace", path: "displayName", value: "X" }, { op: "replace", value: { Id: value } }), "mutability");
    }
    expect400(() => userPatch({ op: "remove", path: "id" }), "mutability", /removed/);
    // Without the resource's id (a caller that does not know it) no id is accepted.
    expect400(() => applyUserPatch(baseUser(), patch({ op: "replace", path: "id", value: USER_ID })), "mutability");
  });

  it("refuses paths naming no supported attribute with invalidPath", () => {
    for (const path of [
      "nickName2",
      "members",
      "foo.bar",
      "userName.value",
      "displayName.x",
      "active[type eq \"x\"]",
      "name.givenName.x",
      "emails[",
      "emails]",
      "[type eq \"work\"]",
      "1abc",
      "user name",
      "urn:unknown:schema:attr",
      `${GROUP_URN}:displayName`,
      `${USER_URN}:bogus`,
    ]) {
      expect400(() => userPatch({ op: "replace", path, value: "x" }), "invalidPath");
      expect400(() => userPatch({ op: "remove", path }), "invalidPath");
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("Group PATCH", () => {
  it("returns new attributes, never mutating the (frozen) input, and no member change by default", () => {
    const current = baseGroup();
    const r = applyGroupPatch(current, patch({ op: "replace", path: "displayName", value: "Renamed" }));
    expect(r).toEqual({ attributes: { ...current, displayName: "Renamed" }, members: NO_MEMBER_CHANGE });
    expect(r.attributes).not.toBe(current);
  });

  describe("displayName and externalId", () => {
    it("sets displayName (≤ 255, non-blank); clearing it is ignored", () => {
      expect(groupPatch({ op: "Add", path: "DISPLAYNAME", value: "X" }).attributes.displayName).toBe("X");
      expect(groupPatch({ op: "replace", path: `${GROUP_URN}:displayName`, value: "Y" }).attributes.displayName).toBe("Y");
      expect(groupPatch({ op: "replace", value: { DisplayName: "Z" } }).attributes.displayName).toBe("Z");
      expect(groupPatch({ op: "replace", path: "displayName", value: "é".repeat(255) }).attributes.displayName).toHaveLength(255);
      expect400(() => groupPatch({ op: "replace", path: "displayName", value: "é".repeat(256) }), "invalidValue", /255/);
      expect400(() => groupPatch({ op: "replace", path: "displayName", value: "  " }), "invalidValue", /blank/);
      expect400(() => groupPatch({ op: "replace", path: "displayName", value: 7 }), "invalidValue");
      for (const op of [{ op: "remove", path: "displayName" }, { op: "replace", path: "displayName", value: "" }, { op: "replace", path: "displayName", value: null }]) {
        expect(groupPatch(op).attributes).toEqual(baseGroup());
      }
    });

    it("externalId is set and cleared like a user's", () => {
      expect(groupPatch({ op: "replace", path: "externalId", value: "e2" }).attributes.externalId).toBe("e2");
      expect(groupPatch({ op: "remove", path: "externalId" }).attributes.externalId).toBeNull();
      expect(groupPatch({ op: "replace", path: "externalId", value: "" }).attributes.externalId).toBeNull();
      expect400(() => groupPatch({ op: "replace", path: "externalId", value: "x".repeat(256) }), "invalidValue");
      expect400(() => groupPatch({ op: "replace", path: "externalId", value: {} }), "invalidValue");
    });

    it("id: the group's own id (any case) or null is ignored; another id, a non-string or a remove is a mutability error", () => {
      expect(groupPatch({ op: "replace", path: "id", value: GROUP_ID }).attributes).toEqual(baseGroup());
      expect(groupPatch({ op: "add", value: { id: GROUP_ID } }).attributes).toEqual(baseGroup());
      expect400(() => groupPatch({ op: "replace", path: "id", value: USER_A }), "mutability");
      expect400(() => groupPatch({ op: "replace", value: { id: 5, displayName: "X" } }), "mutability");
      expect(groupPatch({ op: "replace", value: { id: null, displayName: "X" } }).attributes).toEqual({ ...baseGroup(), displayName: "X" });
      expect400(() => groupPatch({ op: "replace", value: { id: "" } }), "mutability");
      expect400(() => groupPatch({ op: "remove", path: "id" }), "mutability");
    });

    it("ignores meta, schemas, unknown keys and extension URNs in path-less values; unknown paths are invalidPath", () => {
      expect(
        groupPatch({
          op: "replace",
          value: { meta: { resourceType: "Group" }, schemas: [GROUP_URN], owner: "x", "urn:ietf:params:scim:schemas:extension:x:2.0:Group:y": 1 },
        }),
      ).toEqual({ attributes: baseGroup(), members: NO_MEMBER_CHANGE });
      expect(groupPatch({ op: "replace", path: "urn:ietf:params:scim:schemas:extension:x:2.0:Group:y", value: 1 }).attributes).toEqual(baseGroup());
      for (const path of ["owner", "userName", "displayName.x", "members.value", 'members[display eq "x"]', "members[value eq x]", `${USER_URN}:displayName`]) {
        expect400(() => groupPatch({ op: "replace", path, value: [] }), "invalidPath");
        expect400(() => groupPatch({ op: "remove", path }), "invalidPath");
      }
    });

    it("is atomic: a failing op after member changes throws, input untouched", () => {
      const current = { ...baseGroup() };
      expect400(
        () => applyGroupPatch(current, patch({ op: "add", path: "members", value: [{ value: USER_A }] }, { op: "replace", path: "id", value: "other" })),
        "mutability",
      );
      expect(current).toEqual(baseGroup());
    });
  });

  describe("members", () => {
    it("add: a list of {value}; $ref, display and duplicates ignored; bare strings read as {value}", () => {
      expect(
        groupPatch({
          op: "add",
          path: "members",
          value: [{ value: USER_A, $ref: null, display: "a" }, { Value: USER_B, $ref: "https://x/Users/b" }, USER_C, { value: USER_A }],
        }).members,
      ).toEqual({ replaceWith: null, add: [USER_A, USER_B, USER_C], remove: [] });
      expect(groupPatch({ op: "add", path: "Members", value: { value: USER_A } }).members.add).toEqual([USER_A]);
      expect(groupPatch({ op: "add", path: "members", value: [] }).members).toEqual(NO_MEMBER_CHANGE);
      expect(groupPatch({ op: "add", path: "members", value: null }).members).toEqual(NO_MEMBER_CHANGE);
    });

    it("remove members[value eq \"id\"] in any case of value/eq", () => {
      for (const path of [`members[value eq "${USER_A}"]`, `Members[VALUE EQ "${USER_A}"]`, `${GROUP_URN}:members[ value eq "${USER_A}" ]`]) {
        expect(groupPatch({ op: "remove", path }).members).toEqual({ replaceWith: null, add: [], remove: [USER_A] });
      }
    });

    it("remove path members with a value list removes exactly those; [] removes nothing; no value removes all", () => {
      expect(groupPatch({ op: "remove", path: "members", value: [{ value: USER_A }, USER_B] }).members).toEqual({
        replaceWith: null,
        add: [],
        remove: [USER_A, USER_B],
      });
      expect(groupPatch({ op: "remove", path: "members", value: [] }).members).toEqual(NO_MEMBER_CHANGE);
      expect(groupPatch({ op: "remove", path: "members" }).members).toEqual({ replaceWith: [], add: [], remove: [] });
      expect(groupPatch({ op: "remove", path: "members", value: null }).members).toEqual({ replaceWith: [], add: [], remove: [] });
    });

    it("replace path members is the full roster ([] clears); path-less add/replace take a members key", () => {
      expect(groupPatch({ op: "replace", path: "members", value: [{ value: USER_A }, { value: USER_A }, { value: USER_B }] }).members).toEqual({
        replaceWith: [USER_A, USER_B],
        add: [],
        remove: [],
      });
      expect(groupPatch({ op: "replace", path: "members", value: [] }).members).toEqual({ replaceWith: [], add: [], remove: [] });
      expect(groupPatch({ op: "replace", value: { members: [{ value: USER_C }], displayName: "N" } })).toEqual({
        attributes: { ...baseGroup(), displayName: "N" },
        members: { replaceWith: [USER_C], add: [], remove: [] },
      });
      expect(groupPatch({ op: "add", value: { MEMBERS: [{ value: USER_C }] } }).members).toEqual({ replaceWith: null, add: [USER_C], remove: [] });
      expect(groupPatch({ op: "remove", value: { members: [{ value: USER_C }] } }).members).toEqual(NO_MEMBER_CHANGE);
    });

    it("reduces the whole op list into one change", () => {
      expect(
        groupPatch(
          { op: "add", path: "members", value: [{ value: "a" }, { value: "b" }] },
          { op: "remove", path: 'members[value eq "a"]' },
          { op: "remove", path: "members", value: [{ value: "c" }] },
          { op: "add", path: "members", value: [{ value: "c" }] },
        ).members,
      ).toEqual({ replaceWith: null, add: ["b", "c"], remove: ["a"] });
      expect(
        groupPatch(
          { op: "add", path: "members", value: [{ value: "a" }] },
          { op: "remove", path: "members" },
          { op: "add", path: "members", value: [{ value: "b" }] },
          { op: "remove", path: 'members[value eq "b"]' },
          { op: "add", path: "members", value: [{ value: "c" }] },
        ).members,
      ).toEqual({ replaceWith: ["c"], add: [], remove: [] });
    });

    it("refuses malformed members and member paths", () => {
      for (const value of [[{}], [{ value: "" }], [{ value: 5 }], [{ display: "x" }], [1], [null], 5, "", { value: " " }]) {
        expect400(() => groupPatch({ op: "add", path: "members", value }), "invalidValue", /members/);
        expect400(() => groupPatch({ op: "replace", path: "members", value }), "invalidValue");
        expect400(() => groupPatch({ op: "remove", path: "members", value }), "invalidValue");
      }
      expect400(() => groupPatch({ op: "add", path: `members[value eq "${USER_A}"]`, value: [] }), "invalidPath");
      expect400(() => groupPatch({ op: "remove", path: "members[value co \"a\"]" }), "invalidPath", /value eq/);
      expect400(() => groupPatch({ op: "remove", path: "members[value eq 5]" }), "invalidPath");
      expect400(() => groupPatch({ op: "remove", path: `members[value eq "${USER_A}"].value` }), "invalidPath");
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

type Attr = "userName" | "displayName" | "externalId" | "name.givenName" | "active" | "emails.value";
interface ModelOp {
  kind: "set" | "remove";
  attr: Attr;
  value: unknown;
}

/** The independent model: an ordered fold over a small op vocabulary. */
function model(start: UserAttributes, ops: ModelOp[]): UserAttributes {
  const s = { ...start };
  for (const { kind, attr, value } of ops) {
    const cleared = value === null || value === "";
    if (kind === "remove") {
      if (attr === "displayName") s.displayName = null;
      if (attr === "externalId") s.externalId = null;
      if (attr === "name.givenName") s.givenName = null;
      continue; // userName, active, emails: ignored
    }
    switch (attr) {
      case "userName":
        if (!cleared) s.userName = value as string;
        break;
      case "displayName":
        s.displayName = cleared ? null : (value as string);
        break;
      case "externalId":
        s.externalId = cleared ? null : (value as string);
        break;
      case "name.givenName":
        s.givenName = cleared ? null : (value as string);
        break;
      case "active":
        if (value !== null) s.active = typeof value === "boolean" ? value : String(value).toLowerCase() === "true";
        break;
      case "emails.value":
        if (!cleared) s.email = value as string;
        break;
    }
  }
  return s;
}

const text255 = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\u0000"));
const nonBlank = text255.filter((s) => s.trim() !== "");
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9._+-]{1,20}$/), fc.stringMatching(/^[a-z0-9-]{1,20}(\.[a-z]{2,6})?$/))
  .map(([l, d]) => `${l}@${d}`);
const boolValue = fc.oneof(fc.boolean(), fc.mixedCase(fc.constantFrom("true", "false")));

const userArb: fc.Arbitrary<UserAttributes> = fc.record({
  userName: nonBlank,
  externalId: fc.option(nonBlank, { nil: null }),
  givenName: fc.option(nonBlank, { nil: null }),
  familyName: fc.option(nonBlank, { nil: null }),
  middleName: fc.option(nonBlank, { nil: null }),
  formatted: fc.option(nonBlank, { nil: null }),
  displayName: fc.option(nonBlank, { nil: null }),
  email,
  emailType: fc.option(fc.constantFrom("work", "home", "other"), { nil: null }),
  active: fc.boolean(),
});

const valueFor: Record<Attr, fc.Arbitrary<unknown>> = {
  userName: fc.oneof(nonBlank, fc.constantFrom("", null)),
  displayName: fc.oneof(text255, fc.constant(null)),
  externalId: fc.oneof(text255, fc.constant(null)),
  "name.givenName": fc.oneof(text255, fc.constant(null)),
  active: fc.oneof(boolValue, fc.constant(null)),
  "emails.value": fc.oneof(email, fc.constantFrom("", null)),
};
const ATTRS = Object.keys(valueFor) as Attr[];

/** A valid model op and one of the wire spellings for it. */
interface WireOp {
  model: ModelOp;
  wire: Record<string, unknown>;
}
const validOp: fc.Arbitrary<WireOp> = fc
  .tuple(fc.constantFrom(...ATTRS), fc.constantFrom("add", "replace", "remove", "pathless"), fc.boolean(), fc.nat())
  .chain(([attr, form, urn, caseSeed]) =>
    valueFor[attr].map((value): WireOp => {
      const opCase = (op: string) => (caseSeed & 1 ? op[0]!.toUpperCase() + op.slice(1) : caseSeed & 2 ? op.toUpperCase() : op);
      const pathText = (urn ? `${USER_URN}:` : "") + (caseSeed & 4 ? attr.toUpperCase() : attr);
      if (form === "pathless") return { model: { kind: "set", attr, value }, wire: { op: opCase("replace"), value: { [pathText]: value } } };
      if (form === "remove") return { model: { kind: "remove", attr, value: undefined }, wire: { op: opCase("remove"), path: pathText } };
      return { model: { kind: "set", attr, value }, wire: { op: opCase(form), path: pathText, value } };
    }),
  );

describe("properties", () => {
  it("(a) a random valid op list applied to a random user equals the model", () => {
    fc.assert(
      fc.property(userArb, fc.array(validOp, { minLength: 1, maxLength: 20 }), (user, ops) => {
        const frozen = Object.freeze({ ...user });
        const result = applyUserPatch(frozen, patch(...ops.map((o) => o.wire)));
        expect(result).toEqual(model(user, ops.map((o) => o.model)));
        expect(frozen).toEqual(user);
      }),
      { numRuns: 1000 },
    );
  });

  const invalidOp: fc.Arbitrary<{ op: unknown; scimType: string }> = fc.oneof(
    fc.constantFrom("nickName2", "name.foo", "emails.bogus", "members", "userName.x", "urn:foo:bar", "a[b", "")
      .filter((p) => p !== "")
      .chain((path) => fc.constantFrom("add", "replace", "remove").map((op) => ({ op: { op, path, value: "x" }, scimType: "invalidPath" }))),
    fc.constantFrom("update", "delete", "", "Adds", 42, null).map((op) => ({ op: { op, path: "displayName", value: "x" }, scimType: "invalidSyntax" })),
    fc.constantFrom("yes", 1, 0, {}, [], "t", "truee").map((value) => ({ op: { op: "replace", path: "active", value }, scimType: "invalidValue" })),
    fc.constantFrom("yes", 1, {}).map((value) => ({ op: { op: "replace", value: { active: value } }, scimType: "invalidValue" })),
    fc.constant({ op: { op: "replace", path: "userName", value: "u".repeat(256) }, scimType: "invalidValue" }),
    fc.constantFrom("nope", "a@b@c", "a b@c").map((value) => ({ op: { op: "replace", path: "emails.value", value }, scimType: "invalidValue" })),
  );

  it("(b) any op list with an invalid op throws AppError 400 and leaves the input deep-equal to its snapshot", () => {
    fc.assert(
      fc.property(
        userArb,
        fc.array(validOp, { maxLength: 10 }),
        fc.array(validOp, { maxLength: 10 }),
        invalidOp,
        (user, before, after, bad) => {
          const current = { ...user };
          const snapshot = structuredClone(current);
          const e = errorOf(() => applyUserPatch(current, patch(...before.map((o) => o.wire), bad.op, ...after.map((o) => o.wire))));
          expect(e.status).toBe(400);
          expect(e.details.scimType).toBe(bad.scimType);
          expect(current).toEqual(snapshot);
          // Refusals never depend on the current attributes: the handlers' check against the
          // stand-in (before the lookup, SPEC §14's 400 before 404) answers the same error.
          const probe = errorOf(() => applyUserPatch(PATCH_PROBE_USER, patch(...before.map((o) => o.wire), bad.op, ...after.map((o) => o.wire))));
          expect({ message: probe.message, details: probe.details }).toEqual({ message: e.message, details: e.details });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("(b) 101 otherwise valid operations throw invalidValue and change nothing", () => {
    fc.assert(
      fc.property(userArb, fc.array(validOp, { minLength: 101, maxLength: 130 }), (user, ops) => {
        const current = { ...user };
        const snapshot = structuredClone(current);
        expect400(() => applyUserPatch(current, patch(...ops.map((o) => o.wire))), "invalidValue", /at most 100/);
        expect(current).toEqual(snapshot);
      }),
      { numRuns: 50 },
    );
  });

  type MemberOp =
    | { t: "add"; ids: string[]; pathless: boolean }
    | { t: "remove"; ids: string[] }
    | { t: "removeOne"; id: string }
    | { t: "removeAll" }
    | { t: "replace"; ids: string[]; pathless: boolean };

  const ids = fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 5 });
  const memberOp: fc.Arbitrary<MemberOp> = fc.oneof(
    fc.record({ t: fc.constant("add" as const), ids, pathless: fc.boolean() }),
    fc.record({ t: fc.constant("remove" as const), ids }),
    fc.record({ t: fc.constant("removeOne" as const), id: fc.constantFrom("a", "b", "c", "d", "e", "f", "zz") }),
    fc.constant({ t: "removeAll" as const }),
    fc.record({ t: fc.constant("replace" as const), ids, pathless: fc.boolean() }),
  );
  const toWire = (o: MemberOp): unknown => {
    const list = (xs: string[]) => xs.map((value, i) => (i % 3 === 2 ? value : { value, display: `d-${value}` }));
    switch (o.t) {
      case "add":
        return o.pathless ? { op: "Add", value: { members: list(o.ids) } } : { op: "add", path: "members", value: list(o.ids) };
      case "remove":
        return { op: "Remove", path: "members", value: list(o.ids) };
      case "removeOne":
        return { op: "remove", path: `members[value eq "${o.id}"]` };
      case "removeAll":
        return { op: "remove", path: "members" };
      case "replace":
        return o.pathless ? { op: "replace", value: { id: GROUP_ID, members: list(o.ids) } } : { op: "Replace", path: "members", value: list(o.ids) };
    }
  };
  const sequential = (start: Set<string>, ops: MemberOp[]) => {
    let s = new Set(start);
    for (const o of ops) {
      if (o.t === "add") o.ids.forEach((id) => s.add(id));
      else if (o.t === "remove") o.ids.forEach((id) => s.delete(id));
      else if (o.t === "removeOne") s.delete(o.id);
      else if (o.t === "removeAll") s = new Set();
      else s = new Set(o.ids);
    }
    return s;
  };

  it("(c) the reduced MemberChange applied to a random current set equals applying the ops one by one", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f")), fc.array(memberOp, { minLength: 1, maxLength: 15 }), (current, ops) => {
        const { members: m } = applyGroupPatch(baseGroup(), patch(...ops.map(toWire)));
        const reduced = m.replaceWith ? new Set(m.replaceWith) : new Set([...current.filter((id) => !m.remove.includes(id)), ...m.add]);
        expect([...reduced].sort()).toEqual([...sequential(new Set(current), ops)].sort());
        // shape invariants
        expect(new Set(m.add).size).toBe(m.add.length);
        expect(new Set(m.remove).size).toBe(m.remove.length);
        expect(m.add.filter((id) => m.remove.includes(id))).toEqual([]);
        if (m.replaceWith) {
          expect(new Set(m.replaceWith).size).toBe(m.replaceWith.length);
          expect(m.add).toEqual([]);
          expect(m.remove).toEqual([]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
