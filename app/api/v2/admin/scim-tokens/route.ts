import { SCIM_ADMIN_RATE_LIMIT, withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { tokenResource } from "@/lib/http/resources";
import { createScimToken, listScimTokens } from "@/lib/scim/tokens/scim-tokens";
import { parseTokenAttributes } from "@/lib/http/token-attributes";
import { env } from "@/lib/env";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/scim-tokens — unrevoked SCIM tokens (expired ones included), never the secret
export const GET = withAdmin(async (_req, ctx) => jsonApiDocument(ctx.requestId, (await listScimTokens(ctx.db)).map((t) => tokenResource(t))), {
  rateLimit: SCIM_ADMIN_RATE_LIMIT,
});

// POST /api/v2/admin/scim-tokens — create a token; the 201 is the only response with the secret
export const POST = withAdmin(
  async (req, ctx) => {
    const { attributes } = requireResource(await readJson(req), ["authentication-tokens"]);
    const { token, secret } = await createScimToken(ctx, env(), parseTokenAttributes(attributes));
    return jsonApiDocument(ctx.requestId, tokenResource(token, secret), { status: 201 });
  },
  { rateLimit: SCIM_ADMIN_RATE_LIMIT },
);

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
