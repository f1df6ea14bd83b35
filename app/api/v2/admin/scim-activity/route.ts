import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, paginationLinksAndMeta, parsePage } from "@/lib/http/jsonapi";
import { scimRequestResource, seriesMeta } from "@/lib/http/resources";
import { activitySeries, listActivity, parseActivityFilters } from "@/lib/audit/activity-queries";
import { flushActivity } from "@/lib/audit/activity-log";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/scim-activity — /scim/v2 requests, newest first, with meta.series (per minute
// by status class) for the chart; filter[status|method|resource|token|since|until]
export const GET = withAdmin(async (req, ctx) => {
  const url = new URL(req.url);
  const page = parsePage(url);
  const filters = parseActivityFilters(url, ctx.now);
  // Rows queued by this process (written within a second anyway) are shown at once.
  await flushActivity();
  const [{ rows, total }, series] = await Promise.all([listActivity(ctx.db, filters, page), activitySeries(ctx.db, filters)]);
  const doc = paginationLinksAndMeta(url, page, total);
  return jsonApiDocument(ctx.requestId, rows.map(scimRequestResource), { ...doc, meta: { ...doc.meta, series: seriesMeta(series) } });
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
