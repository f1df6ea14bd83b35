// Row → SCIM User resource (SPEC §4.4), and the attributes/excludedAttributes projection.
import type { ScimIdentityRow, UserRow } from "@/db/schema";
import { SCIM_SCHEMA_USER } from "@/lib/scim/values";

export function userResource(identity: ScimIdentityRow, user: UserRow, baseUrl: string) {
  const name: Record<string, string> = {};
  if (identity.givenName !== null) name.givenName = identity.givenName;
  if (identity.familyName !== null) name.familyName = identity.familyName;
  if (identity.middleName !== null) name.middleName = identity.middleName;
  if (identity.formattedName !== null) name.formatted = identity.formattedName;
  const resource: Record<string, unknown> = {
    schemas: [SCIM_SCHEMA_USER],
    id: identity.id,
    userName: identity.userName,
  };
  if (identity.externalId !== null) resource.externalId = identity.externalId;
  if (Object.keys(name).length) resource.name = name;
  if (identity.displayName !== null) resource.displayName = identity.displayName;
  resource.emails = [{ value: user.email, primary: true, ...(identity.emailType ? { type: identity.emailType } : {}) }];
  resource.active = user.suspendedAt === null;
  resource.meta = {
    resourceType: "User",
    created: identity.createdAt.toISOString(),
    lastModified: identity.updatedAt.toISOString(),
    location: `${baseUrl}/Users/${identity.id}`,
  };
  return resource;
}

const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;

/** A comma-separated attribute list as [attribute, sub-attribute?] pairs, lower-cased. */
export function attributePaths(raw: string | null): [string, string | undefined][] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim().replace(CORE_PREFIX, "").toLowerCase())
    .filter(Boolean)
    .map((s) => {
      const [attr, sub] = s.split(".", 2) as [string, string | undefined];
      return [attr, sub || undefined];
    });
}

/** A complex value (or each element of a multi-valued one) without the named sub-attributes. */
function withoutSubAttributes(value: unknown, subs: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutSubAttributes(v, subs));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !subs.includes(k.toLowerCase())));
}

/**
 * `attributes` / `excludedAttributes` on GET (SPEC §14): `attributes` names top-level attributes
 * (`name.givenName` returns `name`); `excludedAttributes` drops an attribute, or with a dotted
 * name only that sub-attribute (`emails.type`, `members.display`). id and schemas always stay;
 * unknown names are ignored.
 */
export function projectResource(resource: Record<string, unknown>, url: URL) {
  const include = attributePaths(url.searchParams.get("attributes")).map(([attr]) => attr);
  const excluded = attributePaths(url.searchParams.get("excludedAttributes"));
  if (!include.length && !excluded.length) return resource;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) {
    const key = k.toLowerCase();
    const always = key === "id" || key === "schemas";
    if (!always && include.length && !include.includes(key)) continue;
    const mine = excluded.filter(([attr]) => attr === key);
    if (!always && mine.some(([, sub]) => sub === undefined)) continue;
    const subs = mine.flatMap(([, sub]) => (sub ? [sub] : []));
    out[k] = subs.length && !always ? withoutSubAttributes(v, subs) : v;
  }
  return out;
}
