import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument } from "@/lib/http/jsonapi";
import { scimGroupResource } from "@/lib/http/resources";
import { getAdminScimGroup } from "@/lib/scim/groups/admin-groups";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/scim-groups/{id} — one SCIM group with its members
export const GET = withAdmin<{ id: string }>(async (_req, ctx, { id }) => {
  const { group, members } = await getAdminScimGroup(ctx.db, id);
  return jsonApiDocument(ctx.requestId, scimGroupResource(group, members));
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
