import { SCIM_ADMIN_RATE_LIMIT, withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, noContent } from "@/lib/http/jsonapi";
import { tokenResource } from "@/lib/http/resources";
import { getScimToken, revokeScimToken } from "@/lib/scim/tokens/scim-tokens";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/scim-tokens/{id} — one SCIM token
export const GET = withAdmin<{ id: string }>(async (_req, ctx, { id }) => jsonApiDocument(ctx.requestId, tokenResource(await getScimToken(ctx.db, id))), {
  rateLimit: SCIM_ADMIN_RATE_LIMIT,
});

// DELETE /api/v2/admin/scim-tokens/{id} — revoke; effective on the next request
export const DELETE = withAdmin<{ id: string }>(
  async (_req, ctx, { id }) => {
    await revokeScimToken(ctx, id);
    return noContent(ctx.requestId);
  },
  { rateLimit: SCIM_ADMIN_RATE_LIMIT },
);

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, DELETE");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as OPTIONS };
