import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, paginationLinksAndMeta, parsePage } from "@/lib/http/jsonapi";
import { userResource } from "@/lib/http/resources";
import { listUsers } from "@/lib/admin/users/user-queries";
import { readScimSettings } from "@/lib/scim/read-settings";

// GET /api/v2/admin/users?q= — users, oldest first; q matches email, username, SCIM userName
export const GET = withAdmin(async (req, ctx) => {
  const url = new URL(req.url);
  const page = parsePage(url);
  const q = url.searchParams.get("q")?.trim() || undefined;
  const [{ rows, total }, settings] = await Promise.all([listUsers(ctx.db, { q, page: page.number, size: page.size }), readScimSettings(ctx.db)]);
  return jsonApiDocument(
    ctx.requestId,
    rows.map((r) => userResource(r.user, { scimUserName: r.scimUserName, scimUpdatedAt: r.scimUpdatedAt }, settings.enabled)),
    paginationLinksAndMeta(url, page, total),
  );
});
