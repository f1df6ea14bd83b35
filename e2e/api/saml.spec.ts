// SAML service-provider metadata: what an admin gives Entra ID or Okta (SPEC §8 item 8).
import { expect, test } from "../fixtures";
import { E2E_BASE_URL } from "../env";

test("GET /saml/metadata describes our entity id and HTTP-POST assertion consumer, without credentials", async () => {
  const res = await fetch(`${E2E_BASE_URL}/saml/metadata`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/samlmetadata\+xml/);
  const xml = await res.text();
  expect(xml).toContain(`entityID="${E2E_BASE_URL}/saml/metadata"`);
  expect(xml).toMatch(new RegExp(`AssertionConsumerService[^>]*Binding="urn:oasis:names:tc:SAML:2\\.0:bindings:HTTP-POST"[^>]*Location="${E2E_BASE_URL.replace(/\./g, "\\.")}/saml/acs"|AssertionConsumerService[^>]*Location="${E2E_BASE_URL.replace(/\./g, "\\.")}/saml/acs"[^>]*Binding="urn:oasis:names:tc:SAML:2\\.0:bindings:HTTP-POST"`));
  expect(xml).not.toMatch(/PRIVATE KEY/);
});

test("POST /saml/acs refuses what is not a SAML response with a reference id, and makes no session", async () => {
  const bodies: { type: string; body: string }[] = [
    { type: "application/json", body: JSON.stringify({ SAMLResponse: "x" }) },
    { type: "application/x-www-form-urlencoded", body: "SAMLResponse=" },
    { type: "application/x-www-form-urlencoded", body: `SAMLResponse=${encodeURIComponent(Buffer.from("<not-saml/>").toString("base64"))}` },
    { type: "application/x-www-form-urlencoded", body: `SAMLResponse=${"A".repeat(600 * 1024)}` },
  ];
  for (const { type, body } of bodies) {
    const res = await fetch(`${E2E_BASE_URL}/saml/acs`, { method: "POST", headers: { "Content-Type": type }, body, redirect: "manual" });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") ?? "", E2E_BASE_URL);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toBe("sso_failed");
    expect(location.searchParams.get("ref")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.getSetCookie().some((c) => c.includes("session-token"))).toBe(false);
  }
});

test("GET /saml/finish with a made-up result goes back to sign-in with a reference", async () => {
  const res = await fetch(`${E2E_BASE_URL}/saml/finish?r=e30.bm90LWEtbWFj`, { redirect: "manual" });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location") ?? "", E2E_BASE_URL);
  expect(location.searchParams.get("error")).toBe("sso_failed");
  expect(res.headers.getSetCookie().some((c) => c.includes("session-token"))).toBe(false);
});

test("a site admin's Test sign-in needs a site-admin session", async () => {
  const anonymous = await fetch(`${E2E_BASE_URL}/saml/login?test=1`, { redirect: "manual" });
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.get("location")).toContain("/sign-in?callbackUrl=");
  expect(anonymous.headers.getSetCookie().some((c) => c.startsWith("roster-sso="))).toBe(false);
});
