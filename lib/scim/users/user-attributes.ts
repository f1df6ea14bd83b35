// The SCIM-managed attributes of a user, as POST/PUT/PATCH produce them and the store keeps them.
import type { ScimIdentityRow, UserRow } from "@/db/schema";
import { checkEmail, invalidValue, optionalString, requiredString, scimBoolean } from "@/lib/scim/values";

export interface UserAttributes {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  formatted: string | null;
  displayName: string | null;
  email: string;
  emailType: string | null;
  active: boolean;
}

export function attributesOf(identity: ScimIdentityRow, user: UserRow): UserAttributes {
  return {
    userName: identity.userName,
    externalId: identity.externalId,
    givenName: identity.givenName,
    familyName: identity.familyName,
    middleName: identity.middleName,
    formatted: identity.formattedName,
    displayName: identity.displayName,
    email: user.email,
    emailType: identity.emailType,
    active: user.suspendedAt === null,
  };
}

/** Keys compared case-insensitively, with or without the core schema URN prefix. */
function lowerKeys(obj: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = k.replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/i, "").toLowerCase();
    out[key] = v;
  }
  return out;
}

function pickEmail(emails: unknown): { email: string; type: string | null } {
  if (!Array.isArray(emails) || emails.length === 0) throw invalidValue("At least one email address is required");
  const entries = emails.map((e) => {
    if (!e || typeof e !== "object" || Array.isArray(e)) throw invalidValue("emails must be a list of objects");
    return lowerKeys(e as Record<string, unknown>);
  });
  const primary = entries.find((e) => e.primary !== undefined && e.primary !== null && scimBoolean(e.primary, "emails[].primary")) ?? entries[0]!;
  return { email: checkEmail(primary.value), type: optionalString(primary.type, "emails[].type", 64) };
}

/**
 * POST and PUT bodies: userName and one valid email are required; unknown attributes, read-only
 * ones and `null` values are ignored; an omitted `active` is `fallbackActive`.
 */
export function parseUserBody(body: unknown, fallbackActive: boolean): UserAttributes {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidValue("The request body must be a SCIM User object");
  const b = lowerKeys(body as Record<string, unknown>);
  const name = b.name === null || b.name === undefined ? {} : b.name;
  if (typeof name !== "object" || Array.isArray(name)) throw invalidValue("name must be an object");
  const n = lowerKeys(name as Record<string, unknown>);
  const { email, type } = pickEmail(b.emails);
  return {
    userName: requiredString(b.username, "userName"),
    externalId: optionalString(b.externalid, "externalId"),
    givenName: optionalString(n.givenname, "name.givenName"),
    familyName: optionalString(n.familyname, "name.familyName"),
    middleName: optionalString(n.middlename, "name.middleName"),
    formatted: optionalString(n.formatted, "name.formatted", 1024),
    displayName: optionalString(b.displayname, "displayName"),
    email,
    emailType: type,
    active: b.active === undefined || b.active === null ? fallbackActive : scimBoolean(b.active, "active"),
  };
}
