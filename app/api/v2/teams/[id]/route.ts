import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, noContent, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { teamResource } from "@/lib/http/resources";
import { deleteTeam, getTeam, updateTeam } from "@/lib/admin/teams/teams";
import { readScimSettings } from "@/lib/scim/read-settings";
import type { ApiCtx } from "@/lib/http/with-admin";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

async function render(ctx: ApiCtx, id: string) {
  const [view, settings] = await Promise.all([getTeam(ctx.db, id), readScimSettings(ctx.db)]);
  return jsonApiDocument(ctx.requestId, teamResource(view, settings.enabled));
}

// GET /api/v2/teams/{id} — one team with relationships.users
export const GET = withAdmin<{ id: string }>(async (_req, ctx, { id }) => render(ctx, id));

// PATCH /api/v2/teams/{id} — rename
export const PATCH = withAdmin<{ id: string }>(async (req, ctx, { id }) => {
  const { attributes } = requireResource(await readJson(req), ["teams"]);
  await updateTeam(ctx, id, { name: attributes.name as string | undefined });
  return render(ctx, id);
});

// DELETE /api/v2/teams/{id} — delete a manually managed, non-owners team
export const DELETE = withAdmin<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteTeam(ctx, id);
  return noContent(ctx.requestId);
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, PATCH, DELETE");
export { notAllowed as POST, notAllowed as PUT, notAllowed as OPTIONS };
