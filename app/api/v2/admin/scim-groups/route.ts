import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, paginationLinksAndMeta, parsePage } from "@/lib/http/jsonapi";
import { scimGroupResource } from "@/lib/http/resources";
import { listAdminScimGroups } from "@/lib/scim/groups/admin-groups";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/scim-groups?q=&page[number]=&page[size]= — SCIM groups by name (empty while SCIM is disabled)
export const GET = withAdmin(async (req, ctx) => {
  const url = new URL(req.url);
  const page = parsePage(url);
  const { rows, total } = await listAdminScimGroups(ctx.db, (url.searchParams.get("q") ?? "").slice(0, 256), page);
  return jsonApiDocument(ctx.requestId, rows.map((g) => scimGroupResource(g)), paginationLinksAndMeta(url, page, total));
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
