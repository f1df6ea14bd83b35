// Discovery documents: they describe exactly what /scim/v2 implements (SPEC §4.2).
export const SCHEMA_SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SCHEMA_SPC],
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, "")}/app/admin/scim`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "Authentication with a SCIM token created in Site Admin › SCIM, sent as Authorization: Bearer <token>",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const SCHEMA_RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [SCHEMA_RESOURCE_TYPE],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "User Account",
      schema: USER_URN,
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [SCHEMA_RESOURCE_TYPE],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Group",
      schema: GROUP_URN,
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

type Attr = {
  name: string;
  type: "string" | "boolean" | "complex" | "reference";
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  uniqueness?: "none" | "server" | "global";
  description: string;
  subAttributes?: Attr[];
  referenceTypes?: string[];
};

function attr(a: Attr): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.description,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? "readWrite",
    returned: "default",
    uniqueness: a.uniqueness ?? "none",
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
  };
}

/** Only the attributes Roster stores (SPEC §14). */
export function schemas(baseUrl: string) {
  return [
    {
      schemas: [SCHEMA_SCHEMA],
      id: USER_URN,
      name: "User",
      description: "User Account",
      attributes: [
        attr({ name: "userName", type: "string", required: true, uniqueness: "server", description: "Unique identifier for the user, often an email address" }),
        attr({ name: "externalId", type: "string", caseExact: true, uniqueness: "server", description: "The identity provider's identifier for the user" }),
        attr({
          name: "name",
          type: "complex",
          description: "The components of the user's name",
          subAttributes: [
            { name: "formatted", type: "string", description: "The full name" },
            { name: "familyName", type: "string", description: "Family name" },
            { name: "givenName", type: "string", description: "Given name" },
            { name: "middleName", type: "string", description: "Middle name" },
          ],
        }),
        attr({ name: "displayName", type: "string", description: "The name displayed for the user" }),
        attr({
          name: "emails",
          type: "complex",
          multiValued: true,
          required: true,
          description: "The user's email address; Roster keeps one (the primary, else the first)",
          subAttributes: [
            { name: "value", type: "string", uniqueness: "server", description: "Email address (one Roster user per address, compared case-insensitively)" },
            { name: "type", type: "string", description: "A label such as work" },
            { name: "primary", type: "boolean", description: "The primary address" },
          ],
        }),
        attr({ name: "active", type: "boolean", description: "false suspends the user; true reactivates" }),
      ],
      meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${USER_URN}` },
    },
    {
      schemas: [SCHEMA_SCHEMA],
      id: GROUP_URN,
      name: "Group",
      description: "Group",
      attributes: [
        attr({ name: "displayName", type: "string", required: true, uniqueness: "server", description: "The group's name" }),
        attr({ name: "externalId", type: "string", caseExact: true, uniqueness: "server", description: "The identity provider's identifier for the group" }),
        attr({
          name: "members",
          type: "complex",
          multiValued: true,
          description: "Members of the group (SCIM users), at most 1,000",
          subAttributes: [
            { name: "value", type: "string", mutability: "immutable", description: "The member's SCIM user id" },
            { name: "display", type: "string", mutability: "readOnly", description: "The member's userName" },
            { name: "$ref", type: "reference", mutability: "immutable", referenceTypes: ["User"], description: "The member's URI" },
          ],
        }),
      ],
      meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${GROUP_URN}` },
    },
  ];
}
