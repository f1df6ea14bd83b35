// A test SAML identity provider: a key pair and certificate made with openssl at test time, and
// SAML 2.0 Responses signed with xml-crypto — valid ones and every tampered kind the SP must refuse.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignedXml } from "xml-crypto";

export interface KeyPair {
  privateKey: string;
  certificate: string;
}

export function generateKeyPair(cn = "idp.example.com"): KeyPair {
  const dir = mkdtempSync(path.join(tmpdir(), "roster-idp-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj", `/CN=${cn}`, "-days", "30"],
      { cwd: dir, stdio: ["ignore", "ignore", "ignore"] },
    );
    return { privateKey: readFileSync(path.join(dir, "k.pem"), "utf8"), certificate: readFileSync(path.join(dir, "c.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const iso = (d: Date) => d.toISOString();
const newId = () => `_${randomBytes(16).toString("hex")}`;

export interface ResponseOptions {
  email?: string;
  /** Raw XML for the NameID text (e.g. with a comment inside); overrides `email`. */
  nameIdXml?: string;
  sign?: "response" | "assertion" | "both" | "none";
  /** Sign with a key other than the one whose certificate the SP trusts. */
  signWithOtherKey?: boolean;
  issuer?: string;
  audience?: string;
  /** Response Destination; null leaves the attribute out. */
  destination?: string | null;
  recipient?: string;
  /** InResponseTo on the Response and the SubjectConfirmationData; null for IdP-initiated. */
  inResponseTo?: string | null;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  attributes?: Record<string, string>;
  now?: Date;
}

const SIG_ALG = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const DIGEST_ALG = "http://www.w3.org/2001/04/xmlenc#sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/** Signs the element with the given ID, placing the signature after its Issuer (as SAML requires). */
function signElement(xml: string, localName: "Response" | "Assertion", id: string, key: KeyPair) {
  const sig = new SignedXml({ privateKey: key.privateKey, publicCert: key.certificate, signatureAlgorithm: SIG_ALG, canonicalizationAlgorithm: EXC_C14N });
  sig.addReference({ xpath: `//*[local-name(.)='${localName}' and @ID='${id}']`, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: DIGEST_ALG });
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: `//*[local-name(.)='${localName}' and @ID='${id}']/*[local-name(.)='Issuer']`, action: "after" },
  });
  return sig.getSignedXml();
}

export class TestIdp {
  readonly entityId = `https://idp.example.com/${randomBytes(4).toString("hex")}`;
  readonly key = generateKeyPair();
  readonly otherKey = generateKeyPair("evil.example.com");

  constructor(
    readonly origin: string,
    readonly ssoUrl = "https://idp.example.com/sso",
  ) {}

  get spEntityId() {
    return `${this.origin}/saml/metadata`;
  }
  get acsUrl() {
    return `${this.origin}/saml/acs`;
  }

  /** The assertion element alone (unsigned). */
  assertionXml(o: ResponseOptions & { id: string }) {
    const now = o.now ?? new Date();
    const notBefore = o.notBefore ?? new Date(now.getTime() - 60_000);
    const notOnOrAfter = o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
    const irt = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
    const nameId = o.nameIdXml ?? esc(o.email ?? "user@example.com");
    const attrs = Object.entries(o.attributes ?? {})
      .map(([n, v]) => `<saml:Attribute Name="${esc(n)}"><saml:AttributeValue>${esc(v)}</saml:AttributeValue></saml:Attribute>`)
      .join("");
    return (
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.id}" Version="2.0" IssueInstant="${iso(now)}">` +
      `<saml:Issuer>${esc(o.issuer ?? this.entityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
      `<saml:SubjectConfirmationData NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${esc(o.recipient ?? this.acsUrl)}"${irt}/>` +
      `</saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}">` +
      `<saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? this.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${o.id}"><saml:AuthnContext>` +
      `<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>` +
      `</saml:AuthnContext></saml:AuthnStatement>` +
      (attrs ? `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` : "") +
      `</saml:Assertion>`
    );
  }

  private wrapResponse(o: ResponseOptions, responseId: string, inner: string) {
    const now = o.now ?? new Date();
    const destination = o.destination === undefined ? this.acsUrl : o.destination;
    const dest = destination === null ? "" : ` Destination="${esc(destination)}"`;
    const irt = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
    return (
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
      `ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}"${dest}${irt}>` +
      `<saml:Issuer>${esc(o.issuer ?? this.entityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      inner +
      `</samlp:Response>`
    );
  }

  /** A Response as XML text, signed as asked (default: the assertion). */
  responseXml(o: ResponseOptions = {}) {
    const key = o.signWithOtherKey ? this.otherKey : this.key;
    const sign = o.sign ?? "assertion";
    const assertionId = o.assertionId ?? newId();
    const responseId = newId();
    let assertion = this.assertionXml({ ...o, id: assertionId });
    if (sign === "assertion" || sign === "both") assertion = signElement(assertion, "Assertion", assertionId, key);
    let xml = this.wrapResponse(o, responseId, assertion);
    if (sign === "response" || sign === "both") xml = signElement(xml, "Response", responseId, key);
    return { xml, assertionId };
  }

  /** The base64 SAMLResponse form value. */
  response(o: ResponseOptions = {}) {
    const { xml, assertionId } = this.responseXml(o);
    return { samlResponse: Buffer.from(xml, "utf8").toString("base64"), assertionId };
  }

  /**
   * Signature wrapping: a validly signed assertion for `victimOf` is taken out of its response and
   * placed in a new unsigned response next to (or inside) an unsigned evil assertion for `evilEmail`.
   */
  wrappingAttack(o: ResponseOptions & { evilEmail: string; placement: "sibling-after" | "sibling-before" | "nested" }) {
    const { xml } = this.responseXml({ ...o, sign: "assertion" });
    const signed = xml.slice(xml.indexOf("<saml:Assertion"), xml.lastIndexOf("</saml:Assertion>") + "</saml:Assertion>".length);
    const evil = this.assertionXml({ ...o, email: o.evilEmail, id: newId() });
    let inner: string;
    if (o.placement === "nested") {
      // Hide the signed assertion inside the evil one's Subject, where a naive checker finds it.
      inner = evil.replace("</saml:Subject>", `${signed}</saml:Subject>`);
    } else {
      inner = o.placement === "sibling-after" ? evil + signed : signed + evil;
    }
    const out = this.wrapResponse(o, newId(), inner);
    return { samlResponse: Buffer.from(out, "utf8").toString("base64") };
  }
}
