import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, paginationLinksAndMeta, parsePage, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { teamResource } from "@/lib/http/resources";
import { createTeam, listTeams } from "@/lib/admin/teams/teams";
import { readScimSettings } from "@/lib/scim/read-settings";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/organizations/{name}/teams — the organization's teams with their members
export const GET = withAdmin<{ name: string }>(async (req, ctx, { name }) => {
  const url = new URL(req.url);
  const page = parsePage(url);
  const [{ rows, total }, settings] = await Promise.all([listTeams(ctx.db, name, page), readScimSettings(ctx.db)]);
  return jsonApiDocument(
    ctx.requestId,
    rows.map((v) => teamResource(v, settings.enabled)),
    paginationLinksAndMeta(url, page, total),
  );
});

// POST /api/v2/organizations/{name}/teams — create a team
export const POST = withAdmin<{ name: string }>(async (req, ctx, { name }) => {
  const { attributes } = requireResource(await readJson(req), ["teams"]);
  const team = await createTeam(ctx, name, { name: attributes.name as string });
  const settings = await readScimSettings(ctx.db);
  return jsonApiDocument(ctx.requestId, teamResource({ team, memberIds: [], link: null }, settings.enabled), { status: 201 });
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
