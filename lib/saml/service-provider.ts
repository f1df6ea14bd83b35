// Our SAML 2.0 service provider, on @node-saml/node-saml: metadata, the SP-initiated redirect and
// validation of a posted Response. node-saml verifies the XML signature (response or assertion),
// the audience, the validity window and InResponseTo; this module adds what node-saml 5 does not
// check for POST responses (issuer, Recipient, Destination), the one-time use of each assertion id
// (saml_assertion_replays) and the IdP-initiated switch. Everything read here for a decision comes
// from the XML that node-saml verified, except Destination, which is only ever an extra refusal.
import { DOMParser } from "@xmldom/xmldom";
import { SAML, generateServiceProviderMetadata, ValidateInResponseTo, type CacheProvider, type Profile, type SamlConfig } from "@node-saml/node-saml";
import { lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { samlAssertionReplays, type SamlSettingsRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isSamlConfigured, isSamlReady } from "./saml-settings";
import { spUrls } from "./sp-urls";

export { spUrls, type ServiceProviderUrls } from "./sp-urls";

/** SPEC §8.8: at most three minutes of clock skew. */
export const SAML_CLOCK_SKEW_MS = 180_000;
const EMAIL_NAME_ID_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
// Where IdPs put the email: Okta's usual attribute statement, Entra's default claim (user.mail),
// and the LDAP/eduPerson names some IdPs use.
const EMAIL_ATTRIBUTES = [
  "email",
  "Email",
  "mail",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  "urn:oid:0.9.2342.19200300.100.1.3",
];
const EMAIL_RE = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
// Bound the posted body before any XML parsing (a real Response is a few kilobytes).
const MAX_RESPONSE_BASE64 = 256 * 1024;

export const SAML_FAILURE_REASONS = [
  "not_configured", // SAML is off or incomplete
  "malformed", // not base64 XML of a SAML Response with one assertion
  "invalid_signature", // unsigned, signed by another key, or signature wrapping
  "wrong_issuer",
  "wrong_audience",
  "wrong_destination", // Response Destination or SubjectConfirmationData Recipient is not our ACS
  "expired",
  "not_yet_valid",
  "wrong_in_response_to",
  "idp_initiated_refused",
  "replayed",
  "idp_error", // the IdP answered with a non-success status
  "no_email",
] as const;
export type SamlFailureReason = (typeof SAML_FAILURE_REASONS)[number];

export type SamlValidationResult =
  | { ok: true; email: string; emails: string[]; nameId: string; assertionId: string }
  | { ok: false; reason: SamlFailureReason };

/** The SP metadata document an admin hands to the IdP. Needs no IdP settings. */
export function spMetadataXml(origin: string): string {
  const { entityId, acsUrl } = spUrls(origin);
  return generateServiceProviderMetadata({
    issuer: entityId,
    callbackUrl: acsUrl,
    identifierFormat: EMAIL_NAME_ID_FORMAT,
    // Asks the IdP to sign assertions; a response signed as a whole is accepted as well.
    wantAssertionsSigned: true,
  });
}

function samlFor(settings: SamlSettingsRow, origin: string, allowDisabled: boolean, extra: Partial<SamlConfig>): SAML {
  if (!(allowDisabled ? isSamlConfigured(settings) : isSamlReady(settings))) {
    throw new AppError("invalid_value", "SAML single sign-on is not enabled and configured");
  }
  const { entityId, acsUrl } = spUrls(origin);
  return new SAML({
    issuer: entityId,
    callbackUrl: acsUrl,
    audience: entityId,
    entryPoint: settings.ssoUrl!,
    idpCert: settings.certificate!,
    idpIssuer: settings.idpEntityId!,
    identifierFormat: EMAIL_NAME_ID_FORMAT,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    // Either the response or the assertion must carry a valid signature: node-saml then verifies
    // the assertion whenever the response signature is missing, and refuses a second assertion.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    disableRequestedAuthnContext: true,
    ...extra,
  });
}

/**
 * Starts SP-initiated sign-in: the IdP redirect URL (HTTP-Redirect binding) for an AuthnRequest
 * with the given ID (see sso-tokens.ts: our request IDs verify themselves). `allowDisabled` lets an
 * admin's "Test sign-in" run against saved settings before SAML is enabled.
 */
export async function startSignIn(
  settings: SamlSettingsRow,
  origin: string,
  options: { requestId: string; relayState?: string; allowDisabled?: boolean },
): Promise<string> {
  const saml = samlFor(settings, origin, options.allowDisabled ?? false, {
    generateUniqueId: () => options.requestId,
    validateInResponseTo: ValidateInResponseTo.never,
  });
  return saml.getAuthorizeUrlAsync(options.relayState ?? "", undefined, {});
}

type XmlJs = { $?: Record<string, string | undefined>; _?: string; [key: string]: unknown };
const children = (node: XmlJs | undefined, name: string): XmlJs[] => {
  const value = node?.[name];
  return Array.isArray(value) ? (value as XmlJs[]) : [];
};
const textOf = (node: XmlJs | string | undefined) => (typeof node === "string" ? node : node?._);

function reasonFor(err: unknown): SamlFailureReason {
  const message = err instanceof Error ? err.message : "";
  if (err instanceof Error && err.name === "SamlStatusError") return "idp_error";
  if (/InResponseTo/i.test(message)) return "wrong_in_response_to";
  if (/signature|multiple assertions|Cannot obtain assertion/i.test(message)) return "invalid_signature";
  if (/audience/i.test(message)) return "wrong_audience";
  if (/not yet valid/i.test(message)) return "not_yet_valid";
  // Bearer SubjectConfirmationData carries only NotOnOrAfter, so a confirmation outside the window
  // has expired.
  if (/expired|subject confirmation/i.test(message)) return "expired";
  if (/SAML provider returned/i.test(message)) return "idp_error";
  return "malformed";
}

/**
 * The email addresses the assertion names, NameID first, then the email attributes, lower-cased
 * and without duplicates. Entra's default NameID is the user principal name, which often differs
 * from the mail address SCIM provisioned, so sign-in tries each in turn (sso-sign-in.ts).
 */
function emailsFrom(profile: Profile): string[] {
  const candidates: unknown[] = [profile.nameID];
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  for (const name of EMAIL_ATTRIBUTES) {
    const value = attributes[name];
    candidates.push(...(Array.isArray(value) ? value : [value]));
  }
  const emails: string[] = [];
  for (const value of candidates) {
    if (typeof value !== "string" || value.length > 254 || !EMAIL_RE.test(value.trim())) continue;
    const email = value.trim().toLowerCase();
    if (!emails.includes(email)) emails.push(email);
  }
  return emails.slice(0, 5);
}

/** Destination of the posted Response (unsigned when only the assertion is signed): must be ours if present. */
function responseDestination(xml: string): string | null {
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} } }).parseFromString(xml, "text/xml");
  const root = doc.documentElement;
  if (!root || root.localName !== "Response" || root.namespaceURI !== PROTOCOL_NS) return null;
  return root.hasAttribute("Destination") ? root.getAttribute("Destination") : null;
}

/**
 * The request id a posted Response claims to answer (unsigned; only used to pick which pending
 * request to validate against — validation itself then checks it inside the signed assertion).
 */
export function claimedRequestId(samlResponseBase64: string): string | null {
  if (typeof samlResponseBase64 !== "string" || samlResponseBase64.length > MAX_RESPONSE_BASE64) return null;
  const xml = Buffer.from(samlResponseBase64, "base64").toString("utf8");
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: () => {}, fatalError: () => {} } }).parseFromString(xml, "text/xml");
  const root = doc?.documentElement;
  if (!root || root.localName !== "Response") return null;
  if (root.getAttribute("InResponseTo")) return root.getAttribute("InResponseTo");
  const data = root.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "SubjectConfirmationData");
  for (let i = 0; i < data.length; i++) {
    const v = data.item(i)?.getAttribute("InResponseTo");
    if (v) return v;
  }
  return null;
}

async function claimAssertionId(db: DbOrTx, assertionId: string, expiresAt: Date, now: Date) {
  // Expired ids can go: an assertion past its NotOnOrAfter (plus skew) is refused anyway.
  await db.delete(samlAssertionReplays).where(lt(samlAssertionReplays.expiresAt, now));
  const inserted = await db
    .insert(samlAssertionReplays)
    .values({ assertionId, expiresAt })
    .onConflictDoNothing({ target: samlAssertionReplays.assertionId })
    .returning({ assertionId: samlAssertionReplays.assertionId });
  return inserted.length === 1;
}

/**
 * Validates a base64 SAMLResponse posted to our ACS. `expectedRequestId` is the id remembered by
 * startSignIn, or null when no SP-initiated sign-in is pending. A response without InResponseTo is
 * IdP-initiated and is refused unless `settings.idpInitiatedEnabled`.
 */
export async function validateSamlResponse(
  db: DbOrTx,
  settings: SamlSettingsRow,
  origin: string,
  samlResponseBase64: string,
  options: { expectedRequestId: string | null; now: Date; allowDisabled?: boolean },
): Promise<SamlValidationResult> {
  const allowDisabled = options.allowDisabled ?? false;
  if (!(allowDisabled ? isSamlConfigured(settings) : isSamlReady(settings))) return { ok: false, reason: "not_configured" };
  if (typeof samlResponseBase64 !== "string" || samlResponseBase64.length === 0 || samlResponseBase64.length > MAX_RESPONSE_BASE64) {
    return { ok: false, reason: "malformed" };
  }
  const { expectedRequestId, now } = options;
  const { acsUrl } = spUrls(origin);
  // node-saml looks request ids up here: only the one pending request of this browser is valid.
  const cacheProvider: CacheProvider = {
    saveAsync: async (_key, value) => ({ value, createdAt: now.getTime() }),
    getAsync: async (key) => (expectedRequestId !== null && key === expectedRequestId ? now.toISOString() : null),
    removeAsync: async (key) => key,
  };
  const saml = samlFor(settings, origin, allowDisabled, { cacheProvider, validateInResponseTo: ValidateInResponseTo.ifPresent });

  let profile: Profile;
  try {
    const result = await saml.validatePostResponseAsync({ SAMLResponse: samlResponseBase64 });
    if (!result.profile) return { ok: false, reason: "malformed" };
    profile = result.profile;
  } catch (err) {
    return { ok: false, reason: reasonFor(err) };
  }

  // From here on, only the verified assertion (getAssertion) decides.
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
  const assertionId = assertion?.$?.ID;
  if (!assertion || !assertionId) return { ok: false, reason: "malformed" };

  const issuer = textOf(children(assertion, "Issuer")[0]);
  if (issuer !== settings.idpEntityId) return { ok: false, reason: "wrong_issuer" };

  const confirmations = children(children(assertion, "Subject")[0], "SubjectConfirmation")
    .filter((c) => c.$?.Method === BEARER)
    .flatMap((c) => children(c, "SubjectConfirmationData"));
  if (confirmations.length === 0 || confirmations.some((d) => d.$?.Recipient !== acsUrl)) {
    return { ok: false, reason: "wrong_destination" };
  }
  const destination = responseDestination(profile.getSamlResponseXml?.() ?? "");
  if (destination !== null && destination !== acsUrl) return { ok: false, reason: "wrong_destination" };

  // InResponseTo in the signed assertion must match the pending request too: the Response's own
  // attribute is unsigned when only the assertion is signed, so stripping it must not turn an
  // SP-initiated assertion into an IdP-initiated one.
  const signedInResponseTo = confirmations.map((d) => d.$?.InResponseTo).filter((v): v is string => !!v);
  const responseInResponseTo = typeof profile.inResponseTo === "string" ? profile.inResponseTo : null;
  const inResponseTo = [...signedInResponseTo, ...(responseInResponseTo ? [responseInResponseTo] : [])];
  if (inResponseTo.length > 0) {
    if (expectedRequestId === null || inResponseTo.some((v) => v !== expectedRequestId)) {
      return { ok: false, reason: "wrong_in_response_to" };
    }
  } else if (!settings.idpInitiatedEnabled) {
    return { ok: false, reason: "idp_initiated_refused" };
  }

  const nameId = typeof profile.nameID === "string" ? profile.nameID : "";
  const emails = emailsFrom(profile);
  if (emails.length === 0) return { ok: false, reason: "no_email" };

  // Keep the id as long as node-saml would still accept the assertion: NotOnOrAfter plus skew.
  const notOnOrAfter = children(assertion, "Conditions")[0]?.$?.NotOnOrAfter;
  const expiresMs = notOnOrAfter ? Date.parse(notOnOrAfter) : NaN;
  if (!Number.isFinite(expiresMs)) return { ok: false, reason: "malformed" };
  const claimed = await claimAssertionId(db, assertionId, new Date(expiresMs + SAML_CLOCK_SKEW_MS), now);
  if (!claimed) return { ok: false, reason: "replayed" };

  return { ok: true, email: emails[0]!, emails, nameId, assertionId };
}
