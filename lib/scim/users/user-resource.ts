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

/** `attributes` / `excludedAttributes` for top-level attributes; id and schemas always stay. */
export function projectResource(resource: Record<string, unknown>, url: URL) {
  const list = (key: string) =>
    (url.searchParams.get(key) ?? "")
      .split(",")
      .map((s) => s.trim().replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i, "").split(".")[0]!.toLowerCase())
      .filter(Boolean);
  const include = list("attributes");
  const exclude = list("excludedAttributes");
  if (!include.length && !exclude.length) return resource;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) {
    const key = k.toLowerCase();
    const always = key === "id" || key === "schemas";
    if (!always && include.length && !include.includes(key)) continue;
    if (!always && exclude.includes(key)) continue;
    out[k] = v;
  }
  return out;
}
