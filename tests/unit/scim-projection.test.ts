// attributes / excludedAttributes on SCIM GETs (SPEC §14): top-level names, dotted names, URN prefixes.
import { describe, expect, it } from "vitest";
import { projectResource } from "@/lib/scim/users/user-resource";

const user = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  id: "u1",
  userName: "ana@example.test",
  name: { givenName: "Ana", familyName: "Lee", formatted: "Ana Lee" },
  emails: [{ value: "ana@example.test", type: "work", primary: true }],
  active: true,
  meta: { resourceType: "User" },
};
const group = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: "g1", displayName: "Admins", members: [{ value: "u1", display: "Ana Lee" }] };
const project = (resource: Record<string, unknown>, query: string) => projectResource(resource, new URL(`http://x/scim/v2/Users?${query}`));

describe("projectResource", () => {
  it("leaves the resource alone without either parameter", () => {
    expect(project(user, "")).toBe(user);
  });

  it("excludes a top-level attribute, with or without the core URN, in any case", () => {
    expect(Object.keys(project(user, "excludedAttributes=name,EMAILS"))).toEqual(["schemas", "id", "userName", "active", "meta"]);
    expect(project(user, "excludedAttributes=urn:ietf:params:scim:schemas:core:2.0:User:name")).not.toHaveProperty("name");
  });

  it("a dotted excluded name drops only that sub-attribute, in a complex or a multi-valued attribute", () => {
    expect(project(user, "excludedAttributes=name.givenName")).toMatchObject({ name: { familyName: "Lee", formatted: "Ana Lee" } });
    expect((project(user, "excludedAttributes=name.givenName") as typeof user).name).not.toHaveProperty("givenName");
    expect((project(user, "excludedAttributes=emails.type") as typeof user).emails).toEqual([{ value: "ana@example.test", primary: true }]);
    expect((project(group, "excludedAttributes=members.display") as typeof group).members).toEqual([{ value: "u1" }]);
    expect(project(user, "excludedAttributes=name.givenName,name")).not.toHaveProperty("name");
    // The original is not changed.
    expect(user.name.givenName).toBe("Ana");
  });

  it("attributes keeps the named top-level attributes (a dotted name keeps its parent), id and schemas always", () => {
    expect(project(user, "attributes=userName,name.givenName")).toEqual({ schemas: user.schemas, id: "u1", userName: user.userName, name: user.name });
    expect(project(user, "attributes=nothingLikeThis")).toEqual({ schemas: user.schemas, id: "u1" });
    expect(project(user, "excludedAttributes=id,schemas,id.x")).toEqual(user);
  });
});
