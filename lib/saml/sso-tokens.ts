// Small HMAC-sealed values that carry an SSO sign-in across the browser's round trip, with no
// server-side session store:
// - the AuthnRequest ID: self-verifying (nonce, expiry, test flag, MAC), so the assertion consumer
//   can tell "one of our pending requests" from a made-up InResponseTo without a cookie — the
//   IdP's POST to /saml/acs is cross-site and carries no SameSite=Lax cookie;
// - the binding cookie: which request this browser started and the page it asked for;
// - the result: what /saml/acs verified, handed to /saml/finish (a same-site GET that does carry
//   the binding cookie), which ties the assertion to the browser that started the sign-in.
// Each kind has its own HKDF key, so one can never be passed off as another.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** How long an AuthnRequest (and the browser's binding cookie) stays usable. */
export const SSO_REQUEST_TTL_SECONDS = 10 * 60;
/** How long /saml/finish accepts what /saml/acs verified. */
export const SSO_RESULT_TTL_SECONDS = 120;

type Purpose = "request-id" | "binding" | "result" | "test-report";

const keys = new Map<string, Buffer>();
function keyFor(secret: string, purpose: Purpose) {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `roster-saml-${purpose}`, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

const mac = (secret: string, purpose: Purpose, data: string) => createHmac("sha256", keyFor(secret, purpose)).update(data, "utf8").digest("base64url");

function macMatches(expected: string, given: string) {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

const nowSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

// ---- AuthnRequest IDs -------------------------------------------------------------------------

export interface SsoRequest {
  id: string;
  test: boolean;
}

/** `_<nonce>.<expiry>.<t|s>.<mac>`: an xsd:ID (NCName) that verifies itself. */
export function mintRequestId(secret: string, options: { test: boolean; now: Date }): string {
  const body = `${randomBytes(12).toString("hex")}.${nowSeconds(options.now) + SSO_REQUEST_TTL_SECONDS}.${options.test ? "t" : "s"}`;
  return `_${body}.${mac(secret, "request-id", body).slice(0, 32)}`;
}

/** The request if `id` is one of ours and not expired; null otherwise. */
export function verifyRequestId(secret: string, id: unknown, now: Date): SsoRequest | null {
  if (typeof id !== "string" || id.length > 200) return null;
  const m = /^_([0-9a-f]{24}\.(\d{1,12})\.([ts]))\.([A-Za-z0-9_-]{32})$/.exec(id);
  if (!m) return null;
  const [, body, expiry, flag, given] = m;
  if (!macMatches(mac(secret, "request-id", body!).slice(0, 32), given!)) return null;
  if (Number(expiry) < nowSeconds(now)) return null;
  return { id, test: flag === "t" };
}

// ---- Sealed JSON values -----------------------------------------------------------------------

function seal(secret: string, purpose: Purpose, value: object, expiresAt: number) {
  const body = Buffer.from(JSON.stringify({ ...value, exp: expiresAt }), "utf8").toString("base64url");
  return `${body}.${mac(secret, purpose, body)}`;
}

function open<T>(secret: string, purpose: Purpose, sealed: unknown, now: Date): T | null {
  if (typeof sealed !== "string" || sealed.length > 4096) return null;
  const dot = sealed.indexOf(".");
  if (dot <= 0) return null;
  const body = sealed.slice(0, dot);
  if (!macMatches(mac(secret, purpose, body), sealed.slice(dot + 1))) return null;
  try {
    const value = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { exp?: unknown };
    if (typeof value !== "object" || value === null || typeof value.exp !== "number" || value.exp < nowSeconds(now)) return null;
    return value as T;
  } catch {
    return null;
  }
}

/** The binding cookie: the request this browser started and where to go afterwards. */
export interface SsoBinding {
  rid: string;
  callbackUrl: string;
}

export const sealBinding = (secret: string, binding: SsoBinding, now: Date) =>
  seal(secret, "binding", binding, nowSeconds(now) + SSO_REQUEST_TTL_SECONDS);

export function openBinding(secret: string, sealed: unknown, now: Date): SsoBinding | null {
  const v = open<Partial<SsoBinding>>(secret, "binding", sealed, now);
  return v && typeof v.rid === "string" && typeof v.callbackUrl === "string" ? { rid: v.rid, callbackUrl: v.callbackUrl } : null;
}

/** What /saml/acs verified: the assertion (one-time id, email) and the request it answered. */
export interface SsoResult {
  assertionId: string;
  /** The email to sign in (NameID when it is one), and every email the assertion named, in order. */
  email: string;
  emails: string[];
  /** The AuthnRequest ID it answered; null for an IdP-initiated sign-in. */
  rid: string | null;
  test: boolean;
  /** A path from RelayState (IdP-initiated only), already checked to be same-site. */
  relayPath: string | null;
}

export const sealResult = (secret: string, result: SsoResult, now: Date) => seal(secret, "result", result, nowSeconds(now) + SSO_RESULT_TTL_SECONDS);

export function openResult(secret: string, sealed: unknown, now: Date): SsoResult | null {
  const v = open<Partial<SsoResult>>(secret, "result", sealed, now);
  if (!v || typeof v.assertionId !== "string" || typeof v.email !== "string" || typeof v.test !== "boolean") return null;
  if (v.rid !== null && typeof v.rid !== "string") return null;
  const emails = Array.isArray(v.emails) ? v.emails.filter((e): e is string => typeof e === "string") : [v.email];
  return { assertionId: v.assertionId, email: v.email, emails, rid: v.rid ?? null, test: v.test, relayPath: typeof v.relayPath === "string" ? v.relayPath : null };
}

/** The outcome of a "Test sign-in", shown to the admin on the SAML settings page. */
export interface SsoTestReport {
  ok: boolean;
  /** A failure reason code, or what a real sign-in would do for this email. */
  outcome: string;
  email: string | null;
  ref: string;
}

export const sealTestReport = (secret: string, report: SsoTestReport, now: Date) => seal(secret, "test-report", report, nowSeconds(now) + 15 * 60);

export function openTestReport(secret: string, sealed: unknown, now: Date): SsoTestReport | null {
  const v = open<Partial<SsoTestReport>>(secret, "test-report", sealed, now);
  if (!v || typeof v.ok !== "boolean" || typeof v.outcome !== "string" || typeof v.ref !== "string") return null;
  return { ok: v.ok, outcome: v.outcome, email: typeof v.email === "string" ? v.email : null, ref: v.ref };
}
