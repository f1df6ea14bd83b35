// SCIM list filters (SPEC §4.3): exactly `<attrPath> eq "<value>"`, nothing more. A small
// hand-written scanner, so every refusal can say what went wrong and what is supported.
//
//   filter   = *WS attrPath 1*WS "eq" 1*WS string *WS
//   attrPath = [coreSchemaUrn ":"] name ["." name] / [coreSchemaUrn ":"] "emails[type eq " string "].value"
//   string   = a JSON string literal (double quotes, JSON escapes)
//
// Attribute names and the operator are case-insensitive; the value is returned exactly as decoded.
import { AppError } from "@/lib/errors";

export type ScimResourceKind = "User" | "Group";
export type ScimFilterAttribute = "userName" | "externalId" | "id" | "displayName" | "emails.value";
export interface ScimFilter {
  attribute: ScimFilterAttribute;
  value: string;
}

const CORE_URN: Record<ScimResourceKind, string> = {
  User: "urn:ietf:params:scim:schemas:core:2.0:user:",
  Group: "urn:ietf:params:scim:schemas:core:2.0:group:",
};

const USER_ATTRIBUTES: Record<string, ScimFilterAttribute> = {
  username: "userName",
  externalid: "externalId",
  id: "id",
  displayname: "displayName",
  "emails.value": "emails.value",
  emails: "emails.value",
};

const GROUP_ATTRIBUTES: Record<string, ScimFilterAttribute> = {
  displayname: "displayName",
  externalid: "externalId",
  id: "id",
};

const SUPPORTED: Record<ScimResourceKind, string> = {
  User:
    'Supported filters on Users: userName eq "…", externalId eq "…", id eq "…", displayName eq "…", ' +
    'emails.value eq "…" (also emails eq "…" and emails[type eq "…"].value eq "…").',
  Group: 'Supported filters on Groups: displayName eq "…", externalId eq "…", id eq "…".',
};

const OTHER_OPERATORS = new Set(["ne", "co", "sw", "ew", "pr", "gt", "ge", "lt", "le"]);
const LOGICAL = new Set(["and", "or", "not"]);

const isWs = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$:.-]/.test(c);

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  peek(): string | undefined {
    return this.text[this.pos];
  }
  atEnd() {
    return this.pos >= this.text.length;
  }
  /** Skips whitespace and returns how much was skipped. */
  ws(): number {
    const start = this.pos;
    while (isWs(this.text[this.pos])) this.pos++;
    return this.pos - start;
  }
  /** A run of name characters (letters, digits, `_ $ : . -`); may be empty. */
  name(): string {
    const start = this.pos;
    while (isNameChar(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** A JSON string literal starting at the current position, decoded; null when there is none. */
  stringLiteral(): string | null {
    if (this.peek() !== '"') return null;
    let i = this.pos + 1;
    while (i < this.text.length) {
      const c = this.text[i];
      if (c === "\\") i += 2;
      else if (c === '"') break;
      else i++;
    }
    if (i >= this.text.length) return null; // unterminated
    const raw = this.text.slice(this.pos, i + 1);
    let decoded: unknown;
    try {
      decoded = JSON.parse(raw);
    } catch {
      return null;
    }
    // "\ud800" alone is no character: it could only match by accident (stored as U+FFFD).
    if (typeof decoded !== "string" || !decoded.isWellFormed()) return null;
    this.pos = i + 1;
    return decoded;
  }
}

function parseError(kind: ScimResourceKind, problem: string): AppError {
  return new AppError("bad_request", `Unsupported filter: ${problem}. ${SUPPORTED[kind]}`, { scimType: "invalidFilter" });
}

/** Parses a `filter` query parameter; anything outside the supported grammar is a 400 invalidFilter. */
export function parseScimFilter(kind: ScimResourceKind, text: string): ScimFilter {
  const fail = (problem: string) => parseError(kind, problem);
  if (typeof text !== "string" || text.trim() === "") throw fail("the filter is empty");

  const s = new Scanner(text);
  s.ws();
  if (s.peek() === "(") throw fail("parentheses and logical operators (and, or, not) are not supported");

  // Attribute path.
  const attrStart = s.pos;
  let path = s.name();
  if (path === "") throw fail(`expected an attribute name at position ${s.pos + 1}`);
  if (LOGICAL.has(path.toLowerCase()) && (isWs(s.peek()) || s.peek() === "(")) {
    throw fail("logical operators (and, or, not) are not supported");
  }
  let emailTypeFilter = false;
  if (s.peek() === "[") {
    // Only emails[type eq "<any>"].value is supported.
    s.pos++;
    s.ws();
    const sub = s.name();
    const ws1 = s.ws();
    const op = s.name();
    const ws2 = s.ws();
    const type = s.stringLiteral();
    s.ws();
    if (sub.toLowerCase() !== "type" || op.toLowerCase() !== "eq" || ws1 === 0 || ws2 === 0 || type === null || s.peek() !== "]") {
      throw fail('the only supported value filter is emails[type eq "…"].value');
    }
    s.pos++;
    if (s.peek() !== ".") throw fail('the only supported value filter is emails[type eq "…"].value');
    s.pos++;
    const tail = s.name();
    if (tail.toLowerCase() !== "value") throw fail('the only supported value filter is emails[type eq "…"].value');
    emailTypeFilter = true;
    path = `${path}.${tail}`;
  }
  const attrText = text.slice(attrStart, s.pos);

  let key = path.toLowerCase();
  const urn = CORE_URN[kind];
  if (key.startsWith(urn)) key = key.slice(urn.length);
  if (emailTypeFilter && !key.startsWith("emails.")) throw fail(`value filters are only supported as emails[type eq "…"].value`);
  const table = kind === "User" ? USER_ATTRIBUTES : GROUP_ATTRIBUTES;
  const attribute = Object.hasOwn(table, key) ? table[key] : undefined;
  if (attribute === undefined) throw fail(`attribute "${attrText}" cannot be filtered on`);

  // Operator.
  if (s.ws() === 0) {
    if (s.atEnd()) throw fail(`expected an operator after "${attrText}"`);
    throw fail(`unexpected character "${s.peek()}" after "${attrText}"`);
  }
  const op = s.name();
  const opKey = op.toLowerCase();
  if (opKey !== "eq") {
    if (OTHER_OPERATORS.has(opKey)) throw fail(`operator "${op}" is not supported; only eq is`);
    if (op === "") throw fail(s.atEnd() ? `expected an operator after "${attrText}"` : `unexpected character "${s.peek()}" after "${attrText}"`);
    throw fail(`unknown operator "${op}"; only eq is supported`);
  }

  // Value.
  if (s.ws() === 0) throw fail(s.atEnd() ? "expected a quoted value after eq" : `expected a space after "${op}"`);
  if (s.peek() !== '"') {
    throw fail(s.atEnd() ? "expected a quoted value after eq" : "the value must be a double-quoted JSON string");
  }
  const value = s.stringLiteral();
  if (value === null) throw fail("the value is not a valid JSON string literal");

  s.ws();
  if (!s.atEnd()) {
    const rest = s.name().toLowerCase();
    if (LOGICAL.has(rest)) throw fail("logical operators (and, or, not) are not supported");
    throw fail(`unexpected text after the value at position ${s.pos + 1}`);
  }
  return { attribute, value };
}

/**
 * The filter inside a PATCH value path (`emails[type eq "work"]`, `members[value eq "…"]`):
 * `<name> <op> <JSON literal>`, name and op returned lower-cased. Null when it is not that shape.
 */
export function parseValuePathFilter(text: string): { attribute: string; operator: string; value: unknown } | null {
  const s = new Scanner(text);
  s.ws();
  const attribute = s.name();
  if (attribute === "" || s.ws() === 0) return null;
  const operator = s.name();
  if (operator === "" || s.ws() === 0) return null;
  let value: unknown;
  if (s.peek() === '"') {
    value = s.stringLiteral();
    if (value === null) return null;
  } else {
    const word = s.name().toLowerCase();
    if (word === "true" || word === "false") value = word === "true";
    else if (word === "null") value = null;
    else if (/^-?\d+(\.\d+)?$/.test(word)) value = Number(word);
    else return null;
  }
  s.ws();
  if (!s.atEnd()) return null;
  return { attribute: attribute.toLowerCase(), operator: operator.toLowerCase(), value };
}
