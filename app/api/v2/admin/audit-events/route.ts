import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, paginationLinksAndMeta, parsePage } from "@/lib/http/jsonapi";
import { auditEventResource } from "@/lib/http/resources";
import { listAuditEvents, parseAuditFilters } from "@/lib/audit/audit-queries";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/audit-events — newest first; filter[action|actor|target|since|until|user|request-id]
export const GET = withAdmin(async (req, ctx) => {
  const url = new URL(req.url);
  const page = parsePage(url);
  const { rows, total } = await listAuditEvents(ctx.db, parseAuditFilters(url), page);
  return jsonApiDocument(ctx.requestId, rows.map(auditEventResource), paginationLinksAndMeta(url, page, total));
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
