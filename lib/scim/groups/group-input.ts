// POST and PUT bodies of /Groups. On PUT, displayName, externalId and members keep their value
// when omitted; `members` is the complete roster and [] clears it.
import { invalidValue, optionalString, requiredString } from "@/lib/scim/values";
import { MAX_GROUP_MEMBERS, tooManyMembers } from "./membership";

export interface GroupBody {
  displayName: string | undefined;
  externalId: string | null | undefined;
  members: string[] | undefined;
}

function lowerKeys(obj: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k.replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/i, "").toLowerCase()] = v;
  return out;
}

/** A member is `{value}` (other keys ignored) or a bare id string. */
export function memberIds(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalidValue("members must be a list");
  return value.map((m) => {
    if (typeof m === "string") return m;
    if (m && typeof m === "object" && !Array.isArray(m)) {
      const v = lowerKeys(m as Record<string, unknown>).value;
      if (typeof v === "string" && v !== "") return v;
    }
    throw invalidValue("each member must be an object with a string value");
  });
}

export function parseGroupBody(body: unknown, requireName: boolean): GroupBody {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidValue("The request body must be a SCIM Group object");
  const b = lowerKeys(body as Record<string, unknown>);
  const has = (k: string) => b[k] !== undefined && b[k] !== null;
  // Members first: over the cap is a 413, which SPEC §14 ranks before any 400.
  const members = has("members") ? memberIds(b.members) : requireName ? [] : undefined;
  if (members && new Set(members.map((m) => m.toLowerCase())).size > MAX_GROUP_MEMBERS) throw tooManyMembers();
  return {
    displayName: requireName || has("displayname") ? requiredString(b.displayname, "displayName") : undefined,
    externalId: has("externalid") ? optionalString(b.externalid, "externalId") : requireName ? null : undefined,
    members,
  };
}
