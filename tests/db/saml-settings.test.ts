import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, samlSettings, scimSettings } from "@/db/schema";
import { getSamlSettings, isSamlReady, parseSamlPatch, updateSamlSettings } from "@/lib/saml/saml-settings";
import { inspectCertificate } from "@/lib/saml/certificate";
import { freshDb } from "../db";
import { ctxFor } from "../factories";
import { expiredCertificate, selfSignedCertificate } from "../certificates";

const { db } = await freshDb();
const cert = selfSignedCertificate();
const ctx = () => ctxFor(db, { type: "user", id: "user-admin" });
const fullPatch = () =>
  parseSamlPatch({ enabled: true, "provider-type": "okta", "idp-entity-id": "http://www.okta.com/exk1", "sso-url": "https://idp.example.com/sso", certificate: cert });

beforeEach(async () => {
  await db.update(scimSettings).set({ enabled: false, paused: false });
  await db.update(samlSettings).set({ enabled: false, providerType: null, idpEntityId: null, ssoUrl: null, certificate: null });
});

describe("certificates", () => {
  it("accepts RSA ≥ 2048 and EC keys, refuses short RSA keys and junk", () => {
    const rsa = inspectCertificate(cert);
    expect(rsa).toMatchObject({ ok: true, info: { subject: "CN=idp.example.com", keyType: "rsa" } });
    expect(inspectCertificate(selfSignedCertificate({ key: "ec" }))).toMatchObject({ ok: true, info: { keyType: "ec" } });
    expect(inspectCertificate(selfSignedCertificate({ key: "rsa:1024" }))).toMatchObject({ ok: false, reason: expect.stringMatching(/1024-bit/) });
    expect(inspectCertificate("not a certificate")).toMatchObject({ ok: false });
    expect(inspectCertificate(cert.replace("MII", "XXX"))).toMatchObject({ ok: false });
  });

  it("accepts an expired certificate (the console warns)", () => {
    const expired = expiredCertificate();
    const r = inspectCertificate(expired);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.info.validTo.getTime()).toBeLessThan(Date.now());
  });
});

describe("SAML settings", () => {
  it("validates each attribute with a pointer", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ enabled: "yes" }, "enabled"],
      [{ "provider-type": "adfs" }, "provider-type"],
      [{ "idp-entity-id": "" }, "idp-entity-id"],
      [{ "sso-url": "http://idp.example.com/sso" }, "sso-url"],
      [{ "sso-url": "not a url" }, "sso-url"],
      [{ certificate: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" }, "certificate"],
      [{ "idp-initiated-enabled": 1 }, "idp-initiated-enabled"],
    ];
    for (const [attrs, attr] of cases) {
      expect(() => parseSamlPatch(attrs), attr).toThrow(expect.objectContaining({ code: "invalid_value", details: { pointer: `/data/attributes/${attr}` } }));
    }
  });

  it("enabling needs every field; partial patches keep the rest", async () => {
    await expect(updateSamlSettings(ctx(), parseSamlPatch({ enabled: true }))).rejects.toMatchObject({
      details: { pointer: "/data/attributes/provider-type" },
    });
    expect((await getSamlSettings(db)).enabled).toBe(false);
    await updateSamlSettings(ctx(), fullPatch());
    const row = await updateSamlSettings(ctx(), parseSamlPatch({ "idp-initiated-enabled": true }));
    expect(row).toMatchObject({ enabled: true, providerType: "okta", idpInitiatedEnabled: true, ssoUrl: "https://idp.example.com/sso" });
    expect(isSamlReady(row)).toBe(true);
  });

  it("cannot be disabled or emptied while SCIM is enabled", async () => {
    await updateSamlSettings(ctx(), fullPatch());
    await db.update(scimSettings).set({ enabled: true });
    await expect(updateSamlSettings(ctx(), parseSamlPatch({ enabled: false }))).rejects.toMatchObject({
      message: expect.stringMatching(/^Disable SCIM provisioning first/),
    });
    await expect(updateSamlSettings(ctx(), parseSamlPatch({ certificate: null }))).rejects.toMatchObject({ code: "invalid_value" });
    expect((await getSamlSettings(db)).enabled).toBe(true);
  });

  it("audits changes without the certificate body, and no-ops as noop", async () => {
    const c = ctx();
    await updateSamlSettings(c, fullPatch());
    await updateSamlSettings(ctx(), parseSamlPatch({ "provider-type": "okta" }));
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, "saml-settings.update")).orderBy(auditEvents.id);
    const mine = events.find((e) => e.requestId === c.requestId)!;
    expect(mine.summary).toMatchObject({ enabled: true, providerType: "okta" });
    expect(JSON.stringify(events)).not.toContain("BEGIN CERTIFICATE");
    expect(events.at(-1)!.outcome).toBe("noop");
  });
});
