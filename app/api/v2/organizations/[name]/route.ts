import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument } from "@/lib/http/jsonapi";
import { organizationResource } from "@/lib/http/resources";
import { getOrganization } from "@/lib/admin/organizations/organizations";

// GET /api/v2/organizations/{name} — one organization
export const GET = withAdmin<{ name: string }>(async (_req, ctx, { name }) => {
  return jsonApiDocument(ctx.requestId, organizationResource(await getOrganization(ctx.db, name)));
});
