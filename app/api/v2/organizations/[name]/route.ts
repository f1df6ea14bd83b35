import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument } from "@/lib/http/jsonapi";
import { organizationResource } from "@/lib/http/resources";
import { getOrganization } from "@/lib/admin/organizations/organizations";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/organizations/{name} — one organization
export const GET = withAdmin<{ name: string }>(async (_req, ctx, { name }) => {
  return jsonApiDocument(ctx.requestId, organizationResource(await getOrganization(ctx.db, name)));
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
