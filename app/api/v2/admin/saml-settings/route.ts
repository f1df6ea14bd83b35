import { SCIM_ADMIN_RATE_LIMIT, withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { publicOrigin } from "@/lib/http/public-origin";
import { samlSettingsResource } from "@/lib/http/resources";
import { getSamlSettings, parseSamlPatch, updateSamlSettings } from "@/lib/saml/saml-settings";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/saml-settings — the identity provider's SAML settings
export const GET = withAdmin(async (req, ctx) => jsonApiDocument(ctx.requestId, samlSettingsResource(await getSamlSettings(ctx.db), publicOrigin(req))), {
  rateLimit: SCIM_ADMIN_RATE_LIMIT,
});

// PATCH /api/v2/admin/saml-settings — change the attributes sent
export const PATCH = withAdmin(
  async (req, ctx) => {
    const { attributes } = requireResource(await readJson(req), ["saml-settings"]);
    const row = await updateSamlSettings(ctx, parseSamlPatch(attributes));
    return jsonApiDocument(ctx.requestId, samlSettingsResource(row, publicOrigin(req)));
  },
  { rateLimit: SCIM_ADMIN_RATE_LIMIT },
);

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, PATCH");
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE, notAllowed as OPTIONS };
