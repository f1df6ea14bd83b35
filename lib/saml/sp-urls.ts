// Our SAML service-provider identity, derived from the public origin (no library needed).
export interface ServiceProviderUrls {
  entityId: string;
  acsUrl: string;
}

/** Our entity id and assertion consumer URL for a public origin such as https://roster.example.com. */
export function spUrls(origin: string): ServiceProviderUrls {
  const base = new URL(origin).origin;
  return { entityId: `${base}/saml/metadata`, acsUrl: `${base}/saml/acs` };
}
