import { withAdmin } from "@/lib/http/with-admin";
import { noContent, requireIdentifiers } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { addTeamMembers, removeTeamMembers } from "@/lib/admin/teams/teams";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// POST /api/v2/teams/{id}/relationships/users — add members (and organization memberships)
export const POST = withAdmin<{ id: string }>(async (req, ctx, { id }) => {
  await addTeamMembers(ctx, id, requireIdentifiers(await readJson(req), "users"));
  return noContent(ctx.requestId);
});

// DELETE /api/v2/teams/{id}/relationships/users — remove members
export const DELETE = withAdmin<{ id: string }>(async (req, ctx, { id }) => {
  await removeTeamMembers(ctx, id, requireIdentifiers(await readJson(req), "users"));
  return noContent(ctx.requestId);
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("POST, DELETE");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as OPTIONS };
