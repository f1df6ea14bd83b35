import type { NextRequest } from "next/server";
import { SCIM_ADMIN_RATE_LIMIT, withAdmin, type ApiCtx } from "@/lib/http/with-admin";
import { jsonApiDocument, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { scimSettingsResource } from "@/lib/http/resources";
import { scimBaseUrl } from "@/lib/http/public-origin";
import { disableScim, getScimSettings, parseScimSettingsPatch, updateScimSettings } from "@/lib/scim/settings/scim-settings";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

const render = async (req: NextRequest, ctx: ApiCtx) =>
  jsonApiDocument(ctx.requestId, scimSettingsResource(await getScimSettings(ctx.db), scimBaseUrl(req)));

// GET /api/v2/admin/scim-settings — state, site-admin group and the SCIM base URL
export const GET = withAdmin(render, { rateLimit: SCIM_ADMIN_RATE_LIMIT });

// PATCH /api/v2/admin/scim-settings — enable, pause, resume, set the site-admin group
export const PATCH = withAdmin(
  async (req, ctx) => {
    const { attributes } = requireResource(await readJson(req), ["scim-settings"]);
    await updateScimSettings(ctx, parseScimSettingsPatch(attributes));
    return render(req, ctx);
  },
  { rateLimit: SCIM_ADMIN_RATE_LIMIT },
);

// DELETE /api/v2/admin/scim-settings — disable SCIM (idempotent), 200 with the reset document
export const DELETE = withAdmin(
  async (req, ctx) => {
    await disableScim(ctx);
    return render(req, ctx);
  },
  { rateLimit: SCIM_ADMIN_RATE_LIMIT },
);

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, PATCH, DELETE");
export { notAllowed as POST, notAllowed as PUT, notAllowed as OPTIONS };
