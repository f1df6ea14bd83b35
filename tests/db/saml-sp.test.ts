import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { samlAssertionReplays } from "@/db/schema";
import { getSamlSettings, parseSamlPatch, updateSamlSettings } from "@/lib/saml/saml-settings";
import { inflateRawSync } from "node:zlib";
import { spMetadataXml, startSignIn, validateSamlResponse } from "@/lib/saml/service-provider";
import { mintRequestId } from "@/lib/saml/sso-tokens";
import { freshDb } from "../db";
import { ctxFor } from "../factories";
import { TestIdp } from "../saml-idp";

const { db } = await freshDb();
const origin = "https://roster.example.test";
const idp = new TestIdp(origin);
const SECRET = "test-secret-for-saml-request-ids-0123456789";
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

async function configure(idpInitiatedEnabled: boolean) {
  await updateSamlSettings(
    ctxFor(db),
    parseSamlPatch({
      enabled: true,
      "provider-type": "saml",
      "idp-entity-id": idp.entityId,
      "sso-url": idp.ssoUrl,
      certificate: idp.key.certificate,
      "idp-initiated-enabled": idpInitiatedEnabled,
    }),
  );
  return getSamlSettings(db);
}

/** Starts an SP-initiated sign-in the way /saml/login does, returning its request id. */
async function pendingRequest() {
  const settings = await getSamlSettings(db);
  const requestId = mintRequestId(SECRET, { test: false, now: new Date() });
  const url = await startSignIn(settings, origin, { requestId });
  expect(url.startsWith(`${idp.ssoUrl}?SAMLRequest=`)).toBe(true);
  // The AuthnRequest the IdP receives carries that id and our ACS URL.
  const request = inflateRawSync(Buffer.from(new URL(url).searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
  expect(request).toContain(`ID="${requestId}"`);
  expect(request).toContain(`AssertionConsumerServiceURL="${origin}/saml/acs"`);
  return requestId;
}

async function validate(samlResponse: string, expectedRequestId: string | null) {
  return validateSamlResponse(db, await getSamlSettings(db), origin, samlResponse, { expectedRequestId, now: new Date() });
}

beforeAll(async () => {
  await configure(false);
});

describe("SP metadata and sign-in start", () => {
  it("publishes our entity id and ACS URL", () => {
    const xml = spMetadataXml(origin);
    expect(xml).toContain(`entityID="${origin}/saml/metadata"`);
    expect(xml).toContain(`Location="${origin}/saml/acs"`);
    expect(xml).toContain("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  });

  it("redirects to the IdP with a fresh request id each time", async () => {
    const a = await pendingRequest();
    const b = await pendingRequest();
    expect(a).not.toBe(b);
  });
});

describe("valid responses", () => {
  it("accepts a response signed at the response level", async () => {
    const id = await pendingRequest();
    const { samlResponse, assertionId } = idp.response({ sign: "response", email: "Ada@Example.com", inResponseTo: id });
    expect(await validate(samlResponse, id)).toEqual({ ok: true, email: "ada@example.com", emails: ["ada@example.com"], nameId: "Ada@Example.com", assertionId });
  });

  it("accepts a response whose assertion is signed", async () => {
    const id = await pendingRequest();
    const { samlResponse, assertionId } = idp.response({ sign: "assertion", email: "grace@example.com", inResponseTo: id });
    expect(await validate(samlResponse, id)).toEqual({ ok: true, email: "grace@example.com", emails: ["grace@example.com"], nameId: "grace@example.com", assertionId });
    const [row] = await db.select().from(samlAssertionReplays).where(eq(samlAssertionReplays.assertionId, assertionId));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
  });

  it("takes the email attribute when the NameID is not an email", async () => {
    const id = await pendingRequest();
    const { samlResponse } = idp.response({ sign: "both", nameIdXml: "00u1abcd", attributes: { email: "Linus@Example.com" }, inResponseTo: id });
    expect(await validate(samlResponse, id)).toMatchObject({ ok: true, email: "linus@example.com", nameId: "00u1abcd" });
  });

  it("names every email the assertion carries, NameID first (Entra: UPN as NameID, mail as a claim)", async () => {
    const id = await pendingRequest();
    const { samlResponse } = idp.response({
      email: "Avery.Quinn@corp.example.test",
      attributes: { "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": "avery.quinn@example.test", email: "AVERY.QUINN@example.test" },
      inResponseTo: id,
    });
    expect(await validate(samlResponse, id)).toMatchObject({
      ok: true,
      email: "avery.quinn@corp.example.test",
      emails: ["avery.quinn@corp.example.test", "avery.quinn@example.test"],
    });
  });

  it("accepts times within the 3-minute clock skew", async () => {
    const id = await pendingRequest();
    const { samlResponse } = idp.response({ inResponseTo: id, notBefore: minutes(2) });
    expect(await validate(samlResponse, id)).toMatchObject({ ok: true });
  });
});

describe("refused responses", () => {
  const cases: [string, (id: string) => { samlResponse: string }, string][] = [
    ["unsigned", (id) => idp.response({ sign: "none", inResponseTo: id }), "invalid_signature"],
    ["signed with another key", (id) => idp.response({ signWithOtherKey: true, inResponseTo: id }), "invalid_signature"],
    ["response signed with another key", (id) => idp.response({ sign: "response", signWithOtherKey: true, inResponseTo: id }), "invalid_signature"],
    ["wrong issuer", (id) => idp.response({ issuer: "https://evil.example.com/idp", inResponseTo: id }), "wrong_issuer"],
    ["wrong audience", (id) => idp.response({ audience: "https://other-sp.example.com/saml/metadata", inResponseTo: id }), "wrong_audience"],
    ["wrong destination", (id) => idp.response({ destination: "https://other-sp.example.com/saml/acs", inResponseTo: id }), "wrong_destination"],
    ["wrong recipient", (id) => idp.response({ recipient: "https://other-sp.example.com/saml/acs", inResponseTo: id }), "wrong_destination"],
    ["expired", (id) => idp.response({ inResponseTo: id, notBefore: minutes(-20), notOnOrAfter: minutes(-4) }), "expired"],
    ["not yet valid", (id) => idp.response({ inResponseTo: id, notBefore: minutes(4), notOnOrAfter: minutes(10) }), "not_yet_valid"],
    ["wrong InResponseTo", () => idp.response({ inResponseTo: "_someone-elses-request" }), "wrong_in_response_to"],
  ];
  it.each(cases)("%s", async (_name, build, reason) => {
    const id = await pendingRequest();
    expect(await validate(build(id).samlResponse, id)).toEqual({ ok: false, reason });
  });

  it("refuses a response answering a request when none is pending", async () => {
    const { samlResponse } = idp.response({ inResponseTo: "_stale-request" });
    expect(await validate(samlResponse, null)).toEqual({ ok: false, reason: "wrong_in_response_to" });
  });

  it("refuses an assertion whose signed InResponseTo was stripped from the unsigned response", async () => {
    await configure(true);
    try {
      const id = await pendingRequest();
      const { xml } = idp.responseXml({ inResponseTo: id });
      const stripped = xml.replace(` InResponseTo="${id}"`, "");
      // The Response's own attribute is gone (it was unsigned); the signed assertion still names the request.
      expect(stripped.indexOf(`InResponseTo="${id}"`)).toBeGreaterThan(stripped.indexOf("<saml:Assertion"));
      expect(await validate(Buffer.from(stripped).toString("base64"), null)).toEqual({ ok: false, reason: "wrong_in_response_to" });
    } finally {
      await configure(false);
    }
  });

  it.each(["sibling-after", "sibling-before", "nested"] as const)("refuses signature wrapping (%s)", async (placement) => {
    const id = await pendingRequest();
    const { samlResponse } = idp.wrappingAttack({ email: "victim@example.com", evilEmail: "admin@example.com", placement, inResponseTo: id });
    expect(await validate(samlResponse, id)).toEqual({ ok: false, reason: "invalid_signature" });
  });

  it("reads a NameID with an XML comment inside as the whole text, never the part before it", async () => {
    const id = await pendingRequest();
    const { samlResponse } = idp.response({ nameIdXml: "admin@example.com<!---->.evil.test", inResponseTo: id });
    const result = await validate(samlResponse, id);
    expect(result).toMatchObject({ ok: true, email: "admin@example.com.evil.test" });
  });

  it("refuses a replayed assertion", async () => {
    const id = await pendingRequest();
    const { samlResponse, assertionId } = idp.response({ inResponseTo: id });
    expect(await validate(samlResponse, id)).toMatchObject({ ok: true, assertionId });
    expect(await validate(samlResponse, id)).toEqual({ ok: false, reason: "replayed" });
    // Same assertion id inside a freshly signed response is still a replay.
    const again = idp.response({ inResponseTo: id, assertionId, sign: "response" });
    expect(await validate(again.samlResponse, id)).toEqual({ ok: false, reason: "replayed" });
  });

  it("refuses garbage and SAML that is switched off", async () => {
    expect(await validate("not base64 xml!", null)).toEqual({ ok: false, reason: "malformed" });
    const off = { ...(await getSamlSettings(db)), enabled: false };
    const { samlResponse } = idp.response({});
    expect(await validateSamlResponse(db, off, origin, samlResponse, { expectedRequestId: null, now: new Date() })).toEqual({
      ok: false,
      reason: "not_configured",
    });
  });
});

describe("IdP-initiated sign-in", () => {
  it("is refused until an admin turns it on, then accepted", async () => {
    const first = idp.response({ email: "ida@example.com", inResponseTo: null });
    expect(await validate(first.samlResponse, null)).toEqual({ ok: false, reason: "idp_initiated_refused" });
    await configure(true);
    try {
      const second = idp.response({ email: "ida@example.com", inResponseTo: null });
      expect(await validate(second.samlResponse, null)).toMatchObject({ ok: true, email: "ida@example.com" });
      expect(await validate(second.samlResponse, null)).toEqual({ ok: false, reason: "replayed" });
      // Still checked like any other response.
      const unsigned = idp.response({ sign: "none", inResponseTo: null });
      expect(await validate(unsigned.samlResponse, null)).toEqual({ ok: false, reason: "invalid_signature" });
      const expired = idp.response({ inResponseTo: null, notBefore: minutes(-20), notOnOrAfter: minutes(-4) });
      expect(await validate(expired.samlResponse, null)).toEqual({ ok: false, reason: "expired" });
    } finally {
      await configure(false);
    }
  });
});
