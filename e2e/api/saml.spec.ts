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
