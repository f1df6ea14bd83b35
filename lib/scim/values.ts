// Value rules shared by every SCIM write (POST, PUT, PATCH): booleans as JSON booleans or the
// strings "true"/"false" in any case; string limits in Unicode code points; one email rule.
import { AppError } from "@/lib/errors";

export const SCIM_SCHEMA_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCIM_SCHEMA_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const SCIM_SCHEMA_LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export const invalidValue = (detail: string) => new AppError("bad_request", detail, { scimType: "invalidValue" });

export function scimBoolean(value: unknown, attribute: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw invalidValue(`${attribute} must be a boolean`);
}

/** A string attribute of at most `max` code points; null/undefined/"" mean absent. */
export function optionalString(value: unknown, attribute: string, max = 255): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string") throw invalidValue(`${attribute} must be a string`);
  if (value.includes("\u0000")) throw invalidValue(`${attribute} must not contain NUL characters`);
  if ([...value].length > max) throw invalidValue(`${attribute} must be at most ${max} characters`);
  return value;
}

export function requiredString(value: unknown, attribute: string, max = 255): string {
  const s = optionalString(value, attribute, max);
  if (s === null || s.trim() === "") throw invalidValue(`${attribute} is required`);
  return s;
}

/** SPEC §14, exactly: 3–254 characters, exactly one @, no whitespace. */
export function checkEmail(value: unknown): string {
  if (typeof value !== "string") throw invalidValue("emails value must be a string");
  const n = [...value].length;
  if (n < 3 || n > 254 || /\s/u.test(value) || value.split("@").length !== 2 || value.includes("\u0000")) {
    throw invalidValue("email must be an address with exactly one @ and no whitespace, 3 to 254 characters");
  }
  return value;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === "string" && UUID_RE.test(s);
