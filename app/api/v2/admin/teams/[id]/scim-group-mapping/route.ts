import { withAdmin } from "@/lib/http/with-admin";
import { noContent, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors";
import { linkTeam, setTeamSyncPaused, TEAM_LINK_RATE_LIMIT, unlinkTeam } from "@/lib/scim/sync/team-links";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

const TYPES = ["scim-group-mapping", "scim-group-mappings"];
const options = { rateLimit: TEAM_LINK_RATE_LIMIT };

// POST /api/v2/admin/teams/{id}/scim-group-mapping — link the team to a SCIM group (replaces its members)
export const POST = withAdmin<{ id: string }>(async (req, ctx, { id }) => {
  const { attributes } = requireResource(await readJson(req), TYPES);
  const groupId = attributes["scim-group-id"];
  if (typeof groupId !== "string" || groupId === "") {
    throw new AppError("invalid_value", "scim-group-id must be a SCIM group id", { pointer: "/data/attributes/scim-group-id" });
  }
  await linkTeam(ctx, id, groupId);
  return noContent(ctx.requestId);
}, options);

// DELETE /api/v2/admin/teams/{id}/scim-group-mapping — unlink (members stay)
export const DELETE = withAdmin<{ id: string }>(async (_req, ctx, { id }) => {
  await unlinkTeam(ctx, id);
  return noContent(ctx.requestId);
}, options);

// PATCH /api/v2/admin/teams/{id}/scim-group-mapping — pause or resume sync
export const PATCH = withAdmin<{ id: string }>(async (req, ctx, { id }) => {
  const { attributes } = requireResource(await readJson(req), TYPES);
  const paused = attributes["scim-sync-paused"];
  if (typeof paused !== "boolean") {
    throw new AppError("invalid_value", "scim-sync-paused must be a boolean", { pointer: "/data/attributes/scim-sync-paused" });
  }
  await setTeamSyncPaused(ctx, id, paused);
  return noContent(ctx.requestId);
}, options);

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("POST, PATCH, DELETE");
export { notAllowed as GET, notAllowed as PUT, notAllowed as OPTIONS };
