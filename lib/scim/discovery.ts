// Discovery documents: they describe exactly what /scim/v2 implements (SPEC §4.2).
export const SCHEMA_SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SCHEMA_SPC],
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, "")}/app/admin/scim`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "Authentication with a SCIM token created in Site Admin › SCIM, sent as Authorization: Bearer <token>",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}
