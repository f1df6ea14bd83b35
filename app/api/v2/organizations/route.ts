import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, paginationLinksAndMeta, parsePage, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { organizationResource } from "@/lib/http/resources";
import { createOrganization, CreateOrganizationInput, listOrganizations } from "@/lib/admin/organizations/organizations";
import { AppError } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/organizations — list organizations, oldest first
export const GET = withAdmin(async (req, ctx) => {
  const url = new URL(req.url);
  const page = parsePage(url);
  const { rows, total } = await listOrganizations(ctx.db, page);
  return jsonApiDocument(ctx.requestId, rows.map(organizationResource), paginationLinksAndMeta(url, page, total));
});

// POST /api/v2/organizations — create an organization with its owners team
export const POST = withAdmin(async (req, ctx) => {
  const { attributes } = requireResource(await readJson(req), ["organizations"]);
  const parsed = CreateOrganizationInput.safeParse({ name: attributes.name, email: attributes.email });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid_value", issue.message, {
      pointer: `/data/attributes/${String(issue.path[0])}`,
    });
  }
  const org = await createOrganization(ctx, parsed.data);
  return jsonApiDocument(ctx.requestId, organizationResource(org), { status: 201 });
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
