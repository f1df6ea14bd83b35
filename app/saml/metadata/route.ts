import { publicOrigin } from "@/lib/http/public-origin";
import { spMetadataXml } from "@/lib/saml/service-provider";

// GET /saml/metadata — our SAML service-provider metadata (entity id, assertion consumer URL).
// Public on purpose: identity providers fetch it without credentials, and it holds no secret.
export function GET(req: Request) {
  return new Response(spMetadataXml(publicOrigin(req)), {
    headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8", "Cache-Control": "no-store" },
  });
}
