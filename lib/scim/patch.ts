// RFC 7644 §3.5.2 PATCH for Users and Groups, as one pure module (SPEC §4.6 and §14).
//
// The request is read completely into a new attribute object (and, for groups, one reduced
// membership change) before anything is returned: a throw leaves nothing half-applied, and the
// caller's `current` object is never touched. Every refusal is an AppError("bad_request") with the
// RFC 7644 §3.12 scimType the SCIM surface turns into a 400.
//
// What real IdPs send and must be accepted (reference/idp-quirks.md): `op` in any case; booleans
// as "True"/"False"; path-less add/replace with an object whose keys are paths (dotted, URN-
// prefixed, any case); `emails[type eq "work"].value`; attributes Roster does not store (ignored);
// Okta's path-less group replace carrying the group's own `id`; the members shapes listed below.
import { AppError } from "@/lib/errors";
import { parseValuePathFilter } from "@/lib/scim/filter";
import { checkEmail } from "@/lib/scim/values";

export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const MAX_PATCH_OPERATIONS = 100;

// The attribute shapes are the stores' own; this module only computes the next ones.
export type { UserAttributes } from "@/lib/scim/users/user-attributes";
export type { GroupAttributes } from "@/lib/scim/groups/scim-groups";
export type { MemberChange } from "@/lib/scim/groups/membership";
import type { UserAttributes } from "@/lib/scim/users/user-attributes";
import type { GroupAttributes } from "@/lib/scim/groups/scim-groups";
import type { MemberChange } from "@/lib/scim/groups/membership";

type ScimType = "invalidSyntax" | "invalidPath" | "invalidValue" | "mutability";
const fail = (scimType: ScimType, detail: string) => new AppError("bad_request", detail, { scimType });
const invalidValue = (detail: string) => fail("invalidValue", detail);

// No refusal depends on the resource's current attributes (only on its id), so applying a body
// to these stand-ins answers exactly the 400 the real write would: a handler does that before it
// looks the resource up, and a bad body to an unknown id is a 400, not a 404 (SPEC §14).
export const PATCH_PROBE_USER: Readonly<UserAttributes> = Object.freeze({
  userName: "probe",
  externalId: null,
  givenName: null,
  familyName: null,
  middleName: null,
  formatted: null,
  displayName: null,
  email: "probe@example.invalid",
  emailType: null,
  active: true,
});
export const patchProbeGroup = (id: string): GroupAttributes => ({ id, displayName: "probe", externalId: null });

// ---------------------------------------------------------------------------------------------
// Reading the request

type OpName = "add" | "replace" | "remove";

interface Operation {
  index: number; // 0-based, for messages
  op: OpName;
  path: string | null;
  value: unknown; // undefined when absent
}

type Plain = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/** The object's own entries with lower-cased keys (a later key wins over an earlier one). */
function lowerKeys(obj: Plain): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) m.set(k.toLowerCase(), v);
  return m;
}

function readOperations(body: unknown): Operation[] {
  if (!isPlainObject(body)) throw fail("invalidSyntax", "The PATCH body must be a PatchOp object with an Operations list");
  const keys = Object.keys(body).filter((k) => k.toLowerCase() === "operations");
  if (keys.length !== 1) throw fail("invalidSyntax", "The PATCH body must carry exactly one Operations list");
  const list = body[keys[0]!];
  if (!Array.isArray(list)) throw fail("invalidSyntax", "Operations must be a list");
  if (list.length === 0) throw fail("invalidSyntax", "Operations must contain at least one operation");
  if (list.length > MAX_PATCH_OPERATIONS) {
    throw invalidValue(`A PATCH may carry at most ${MAX_PATCH_OPERATIONS} operations (got ${list.length})`);
  }
  return list.map((raw, index): Operation => {
    const where = `Operations[${index}]`;
    if (!isPlainObject(raw)) throw fail("invalidSyntax", `${where} must be an object`);
    const f = lowerKeys(raw);
    const opRaw = f.get("op");
    if (typeof opRaw !== "string") throw fail("invalidSyntax", `${where}.op is required: add, replace or remove`);
    const op = opRaw.toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") {
      throw fail("invalidSyntax", `${where}.op "${opRaw}" is not supported: use add, replace or remove`);
    }
    const pathRaw = f.get("path");
    let path: string | null;
    if (pathRaw === undefined || pathRaw === null) path = null;
    else if (typeof pathRaw === "string") path = pathRaw.trim() === "" ? null : pathRaw.trim();
    else throw fail("invalidPath", `${where}.path must be a string`);
    return { index, op, path, value: f.get("value") };
  });
}

// ---------------------------------------------------------------------------------------------
// Attribute paths: [schemaUrn ":"] name ["[" filter "]"] ["." subName]

type Kind = "User" | "Group";

type ParsedPath =
  | { type: "extension" } // an extension schema's attribute: never stored, always ignored
  | { type: "schema" } // the core schema URN itself: the value is an object of attributes
  | { type: "attribute"; attr: string; filter: string | null; sub: string | null };

const CORE_URN: Record<Kind, string> = {
  User: "urn:ietf:params:scim:schemas:core:2.0:user",
  Group: "urn:ietf:params:scim:schemas:core:2.0:group",
};
const EXTENSION_URN_PREFIX = "urn:ietf:params:scim:schemas:extension:";
const NAME = /^[A-Za-z][A-Za-z0-9_$-]*$/;

/** Null when the text is not a path this server can even read (malformed, unknown schema). */
function parsePath(kind: Kind, text: string): ParsedPath | null {
  let rest = text.trim();
  const lower = rest.toLowerCase();
  if (lower.startsWith("urn:")) {
    const core = CORE_URN[kind];
    if (lower === core) return { type: "schema" };
    if (lower.startsWith(`${core}:`)) rest = rest.slice(core.length + 1);
    else if (lower.startsWith(EXTENSION_URN_PREFIX)) return { type: "extension" };
    else return null;
  }
  // name
  let i = 0;
  while (i < rest.length && rest[i] !== "[" && rest[i] !== ".") i++;
  const attr = rest.slice(0, i);
  if (!NAME.test(attr)) return null;
  // [filter] — the closing bracket is found outside quoted strings
  let filter: string | null = null;
  if (rest[i] === "[") {
    let j = i + 1;
    let quoted = false;
    for (; j < rest.length; j++) {
      const c = rest[j];
      if (quoted) {
        if (c === "\\") j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === "]") break;
    }
    if (j >= rest.length) return null;
    filter = rest.slice(i + 1, j);
    i = j + 1;
  }
  // .sub
  let sub: string | null = null;
  if (i < rest.length) {
    if (rest[i] !== ".") return null;
    sub = rest.slice(i + 1);
    if (!NAME.test(sub)) return null;
  }
  return { type: "attribute", attr: attr.toLowerCase(), filter, sub: sub === null ? null : sub.toLowerCase() };
}

/** Where a path came from: an op's `path` (unknown → 400 invalidPath) or a key of a path-less value (unknown → ignored). */
type Origin = "path" | "key";

function unknownPath(origin: Origin, text: string, kind: Kind): void {
  if (origin === "key") return;
  throw fail("invalidPath", `"${text}" is not an attribute of a SCIM ${kind} that this server supports`);
}

// ---------------------------------------------------------------------------------------------
// Values

const codePoints = (s: string) => [...s].length;

function checkText(value: string, attribute: string, max: number): string {
  if (codePoints(value) > max) throw invalidValue(`${attribute} must be at most ${max} characters`);
  if (value.includes("\u0000")) throw invalidValue(`${attribute} must not contain NUL characters`);
  return value;
}

/** An optional string: null/undefined/"" clear it. */
function optionalText(value: unknown, attribute: string, max = 255): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") throw invalidValue(`${attribute} must be a string`);
  return checkText(value, attribute, max);
}

/** A required string: null/undefined/"" mean "leave it" (undefined); blank or too long is refused. */
function requiredText(value: unknown, attribute: string, max = 255): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw invalidValue(`${attribute} must be a string`);
  if (value.trim() === "") throw invalidValue(`${attribute} must not be blank`);
  return checkText(value, attribute, max);
}

/** JSON booleans or "true"/"false" in any case; null/undefined/"" mean "leave it" (undefined). */
function optionalBoolean(value: unknown, attribute: string): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const v = value.toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
  }
  throw invalidValue(`${attribute} must be a boolean (true or false)`);
}

/** `id` is read-only: the resource's own id (any case) is accepted and ignored, any other refused. */
function checkId(id: string | null, value: unknown) {
  if (value === undefined || value === null) return; // null = absent
  if (typeof value === "string" && id !== null && value.toLowerCase() === id.toLowerCase()) return; // Okta re-sends the resource's own id
  throw fail("mutability", "id is read-only and cannot be changed");
}

// ---------------------------------------------------------------------------------------------
// Users

/** Attributes of the core User schema (and a few IdP favourites) that Roster accepts and ignores. */
const USER_IGNORED = new Set([
  "meta",
  "schemas",
  "password",
  "groups",
  "roles",
  "entitlements",
  "x509certificates",
  "addresses",
  "phonenumbers",
  "ims",
  "photos",
  "title",
  "usertype",
  "nickname",
  "profileurl",
  "preferredlanguage",
  "locale",
  "timezone",
  "manager", // Entra's older, unprefixed form of the enterprise manager
]);

const NAME_PARTS: Record<string, "givenName" | "familyName" | "middleName" | "formatted"> = {
  givenname: "givenName",
  familyname: "familyName",
  middlename: "middleName",
  formatted: "formatted",
};
const NAME_IGNORED = new Set(["honorificprefix", "honorificsuffix"]);
const nameLimit = (part: string) => (part === "formatted" ? 1024 : 255);

function setNamePart(u: UserAttributes, key: string, value: unknown): boolean {
  const part = Object.hasOwn(NAME_PARTS, key) ? NAME_PARTS[key] : undefined;
  if (part === undefined) return NAME_IGNORED.has(key);
  u[part] = optionalText(value, `name.${part}`, nameLimit(part));
  return true;
}

function clearName(u: UserAttributes) {
  u.givenName = u.familyName = u.middleName = u.formatted = null;
}

/** The `type` a value filter such as `type eq "work"` names; undefined for any other filter. */
function emailFilterType(filter: string | null, text: string): string | undefined {
  if (filter === null) return undefined;
  const f = parseValuePathFilter(filter);
  if (f === null) throw fail("invalidPath", `"${text}" has a filter this server cannot read`);
  if (f.attribute === "type" && f.operator === "eq" && typeof f.value === "string") return f.value;
  return undefined;
}

function setEmail(u: UserAttributes, address: unknown, type: unknown) {
  u.email = checkEmail(address);
  if (type !== undefined && type !== null) {
    if (typeof type !== "string") throw invalidValue("emails type must be a string");
    u.emailType = type === "" ? null : checkText(type, "emails type", 64);
  }
}

/** A whole `emails` value (list, one entry, or a bare address): the primary entry, else the first. */
function setEmailsValue(u: UserAttributes, value: unknown, filterType: string | undefined) {
  if (value === undefined || value === null || value === "") return; // clearing emails is ignored
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return;
  const entries = list.map((e) => {
    if (typeof e === "string") return new Map<string, unknown>([["value", e]]);
    if (!isPlainObject(e)) throw invalidValue("emails must be a list of objects with a value");
    return lowerKeys(e);
  });
  const chosen = entries.find((e) => optionalBoolean(e.get("primary"), "emails primary") === true) ?? entries[0]!;
  const address = chosen.get("value");
  if (address === undefined || address === null || address === "") throw invalidValue("emails entries need a value");
  setEmail(u, address, chosen.get("type") ?? filterType);
}

function setUserAttribute(u: UserAttributes, id: string | null, p: ParsedPath & { type: "attribute" }, value: unknown, origin: Origin, text: string) {
  const { attr, filter, sub } = p;
  const simple = filter === null && sub === null;
  switch (attr) {
    case "id":
      if (!simple) return unknownPath(origin, text, "User");
      return checkId(id, value);
    case "username":
      if (!simple) return unknownPath(origin, text, "User");
      u.userName = requiredText(value, "userName") ?? u.userName;
      return;
    case "externalid":
      if (!simple) return unknownPath(origin, text, "User");
      u.externalId = optionalText(value, "externalId");
      return;
    case "displayname":
      if (!simple) return unknownPath(origin, text, "User");
      u.displayName = optionalText(value, "displayName");
      return;
    case "active":
      if (!simple) return unknownPath(origin, text, "User");
      u.active = optionalBoolean(value, "active") ?? u.active;
      return;
    case "name":
      if (filter !== null) return unknownPath(origin, text, "User");
      if (sub !== null) {
        if (!setNamePart(u, sub, value)) unknownPath(origin, text, "User");
        return;
      }
      if (value === undefined || value === null || value === "") return clearName(u);
      if (!isPlainObject(value)) throw invalidValue("name must be an object");
      // RFC 7644 §3.5.2.1/3: sub-attributes not given are left unchanged; unknown ones are ignored.
      for (const [k, v] of lowerKeys(value)) setNamePart(u, k, v);
      return;
    case "emails": {
      const filterType = emailFilterType(filter, text);
      if (sub === null) return setEmailsValue(u, value, filterType);
      if (sub === "value") {
        if (value === undefined || value === null || value === "") return; // clearing emails is ignored
        return setEmail(u, value, filterType);
      }
      if (sub === "type") {
        if (value === undefined || value === null || value === "") return;
        if (typeof value !== "string") throw invalidValue("emails type must be a string");
        u.emailType = checkText(value, "emails type", 64);
        return;
      }
      if (sub === "primary" || sub === "display") return;
      return unknownPath(origin, text, "User");
    }
    default:
      if (USER_IGNORED.has(attr)) return;
      return unknownPath(origin, text, "User");
  }
}

function removeUserAttribute(u: UserAttributes, p: ParsedPath & { type: "attribute" }, text: string) {
  const { attr, filter, sub } = p;
  const simple = filter === null && sub === null;
  switch (attr) {
    case "id":
      if (!simple) return unknownPath("path", text, "User");
      throw fail("mutability", "id is read-only and cannot be removed");
    case "username":
    case "active":
      if (!simple) return unknownPath("path", text, "User");
      return; // clearing a required attribute is ignored
    case "externalid":
      if (!simple) return unknownPath("path", text, "User");
      u.externalId = null;
      return;
    case "displayname":
      if (!simple) return unknownPath("path", text, "User");
      u.displayName = null;
      return;
    case "name":
      if (filter !== null) return unknownPath("path", text, "User");
      if (sub === null) return clearName(u);
      if (!setNamePart(u, sub, null)) unknownPath("path", text, "User");
      return;
    case "emails":
      emailFilterType(filter, text); // still has to be readable
      if (sub !== null && !["value", "type", "primary", "display"].includes(sub)) return unknownPath("path", text, "User");
      return; // clearing emails is ignored
    default:
      if (USER_IGNORED.has(attr)) return;
      return unknownPath("path", text, "User");
  }
}

function setUserObject(u: UserAttributes, id: string | null, value: Plain) {
  for (const [key, v] of Object.entries(value)) {
    const p = parsePath("User", key);
    if (p === null || p.type === "extension") continue; // unknown attributes and schemas are ignored
    if (p.type === "schema") {
      if (isPlainObject(v)) setUserObject(u, id, v);
      continue;
    }
    setUserAttribute(u, id, p, v, "key", key);
  }
}

/**
 * Applies a PATCH body to a user's SCIM attributes; returns a new object, never mutates `current`.
 * `id` is the user's own id: an operation may repeat it (ignored) but never change it.
 */
export function applyUserPatch(current: UserAttributes, body: unknown, id: string | null = null): UserAttributes {
  const ops = readOperations(body);
  const u: UserAttributes = { ...current };
  for (const o of ops) {
    if (o.path === null) {
      if (o.op === "remove") continue; // remove without a path is ignored
      if (!isPlainObject(o.value)) {
        throw invalidValue(`Operations[${o.index}]: an ${o.op} without a path needs an object of attributes as its value`);
      }
      setUserObject(u, id, o.value);
      continue;
    }
    const p = parsePath("User", o.path);
    if (p === null) throw fail("invalidPath", `"${o.path}" is not a path this server supports on a SCIM User`);
    if (p.type === "extension") continue;
    if (p.type === "schema") {
      if (o.op === "remove") continue;
      if (!isPlainObject(o.value)) throw invalidValue(`Operations[${o.index}]: the value for "${o.path}" must be an object`);
      setUserObject(u, id, o.value);
      continue;
    }
    if (o.op === "remove") removeUserAttribute(u, p, o.path);
    else setUserAttribute(u, id, p, o.value, "path", o.path); // add on a single-valued attribute = replace
  }
  return u;
}

// ---------------------------------------------------------------------------------------------
// Groups

class MemberReducer {
  private replaceWith: Set<string> | null = null;
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  add(ids: string[]) {
    for (const id of ids) {
      if (this.replaceWith) this.replaceWith.add(id);
      else {
        this.added.add(id);
        this.removed.delete(id);
      }
    }
  }
  remove(ids: string[]) {
    for (const id of ids) {
      if (this.replaceWith) this.replaceWith.delete(id);
      else {
        this.removed.add(id);
        this.added.delete(id);
      }
    }
  }
  removeAll() {
    this.replace([]);
  }
  replace(ids: string[]) {
    this.replaceWith = new Set(ids);
    this.added.clear();
    this.removed.clear();
  }
  result(): MemberChange {
    return { replaceWith: this.replaceWith ? [...this.replaceWith] : null, add: [...this.added], remove: [...this.removed] };
  }
}

/** A members value: a list of `{value}` objects or bare id strings (one object or string alone is read as a list of one). */
function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const ids = list.map((m) => {
    const id = typeof m === "string" ? m : isPlainObject(m) ? lowerKeys(m).get("value") : undefined;
    if (typeof id !== "string" || id.trim() === "") throw invalidValue("members must be a list of objects with a value (a SCIM user id)");
    return id;
  });
  return [...new Set(ids)];
}

/** `value eq "<id>"` inside `members[…]`. */
function memberFilterId(filter: string, text: string): string {
  const f = parseValuePathFilter(filter);
  if (f === null || f.attribute !== "value" || f.operator !== "eq" || typeof f.value !== "string") {
    throw fail("invalidPath", `"${text}": the only supported member filter is members[value eq "<id>"]`);
  }
  return f.value;
}


function setGroupAttribute(
  g: GroupAttributes,
  members: MemberReducer,
  op: "add" | "replace",
  p: ParsedPath & { type: "attribute" },
  value: unknown,
  origin: Origin,
  text: string,
) {
  const { attr, filter, sub } = p;
  const simple = filter === null && sub === null;
  switch (attr) {
    case "displayname":
      if (!simple) return unknownPath(origin, text, "Group");
      g.displayName = requiredText(value, "displayName") ?? g.displayName;
      return;
    case "externalid":
      if (!simple) return unknownPath(origin, text, "Group");
      g.externalId = optionalText(value, "externalId");
      return;
    case "id":
      if (!simple) return unknownPath(origin, text, "Group");
      return checkId(g.id, value);
    case "members":
      if (!simple) {
        if (origin === "key") return;
        throw fail("invalidPath", `"${text}": add and replace take path "members" with a list of {value}`);
      }
      if (value === undefined || value === null) return; // null = absent
      if (op === "add") members.add(memberIds(value));
      else members.replace(memberIds(value)); // [] clears
      return;
    case "meta":
    case "schemas":
      return;
    default:
      return unknownPath(origin, text, "Group");
  }
}

function removeGroupAttribute(g: GroupAttributes, members: MemberReducer, p: ParsedPath & { type: "attribute" }, value: unknown, text: string) {
  const { attr, filter, sub } = p;
  const simple = filter === null && sub === null;
  switch (attr) {
    case "displayname":
      if (!simple) return unknownPath("path", text, "Group");
      return; // clearing a required attribute is ignored
    case "externalid":
      if (!simple) return unknownPath("path", text, "Group");
      g.externalId = null;
      return;
    case "id":
      if (!simple) return unknownPath("path", text, "Group");
      throw fail("mutability", "id is read-only and cannot be removed");
    case "members":
      if (sub !== null) return unknownPath("path", text, "Group");
      if (filter !== null) return members.remove([memberFilterId(filter, text)]);
      // Never read "remove members with a value" as "remove all" (idp-quirks E7).
      if (value === undefined || value === null) return members.removeAll();
      if (Array.isArray(value) && value.length === 0) return;
      return members.remove(memberIds(value));
    case "meta":
    case "schemas":
      return;
    default:
      return unknownPath("path", text, "Group");
  }
}

function setGroupObject(g: GroupAttributes, members: MemberReducer, op: "add" | "replace", value: Plain) {
  for (const [key, v] of Object.entries(value)) {
    const p = parsePath("Group", key);
    if (p === null || p.type === "extension") continue;
    if (p.type === "schema") {
      if (isPlainObject(v)) setGroupObject(g, members, op, v);
      continue;
    }
    setGroupAttribute(g, members, op, p, v, "key", key);
  }
}

/**
 * Applies a PATCH body to a group: the new attributes (a new object; `current` is never mutated)
 * and the membership change reduced over every operation, in order. Member ids are returned as
 * given; the caller checks that they are SCIM user ids.
 */
export function applyGroupPatch(current: GroupAttributes, body: unknown): { attributes: GroupAttributes; members: MemberChange } {
  const ops = readOperations(body);
  const g: GroupAttributes = { ...current };
  const members = new MemberReducer();
  for (const o of ops) {
    if (o.path === null) {
      if (o.op === "remove") continue;
      if (!isPlainObject(o.value)) {
        throw invalidValue(`Operations[${o.index}]: an ${o.op} without a path needs an object of attributes as its value`);
      }
      setGroupObject(g, members, o.op, o.value);
      continue;
    }
    const p = parsePath("Group", o.path);
    if (p === null) throw fail("invalidPath", `"${o.path}" is not a path this server supports on a SCIM Group`);
    if (p.type === "extension") continue;
    if (p.type === "schema") {
      if (o.op === "remove") continue;
      if (!isPlainObject(o.value)) throw invalidValue(`Operations[${o.index}]: the value for "${o.path}" must be an object`);
      setGroupObject(g, members, o.op, o.value);
      continue;
    }
    if (o.op === "remove") removeGroupAttribute(g, members, p, o.value, o.path);
    else setGroupAttribute(g, members, o.op, p, o.value, "path", o.path);
  }
  return { attributes: g, members: members.result() };
}
