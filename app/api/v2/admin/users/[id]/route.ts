import { withAdmin } from "@/lib/http/with-admin";
import { noContent, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors";
import { deleteUser, setManualSiteAdmin } from "@/lib/admin/users/user-admin";
import { renderUser } from "@/lib/http/user-document";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/admin/users/{id} — one user with organizations and teams
export const GET = withAdmin<{ id: string }>(async (_req, ctx, { id }) => renderUser(ctx, id));

// DELETE /api/v2/admin/users/{id} — delete a user that is not SCIM-managed (422 otherwise)
export const DELETE = withAdmin<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteUser(ctx, id);
  return noContent(ctx.requestId);
});

// PATCH /api/v2/admin/users/{id} — grant or revoke the manual site-admin role (`is-site-admin`)
export const PATCH = withAdmin<{ id: string }>(async (req, ctx, { id }) => {
  const { attributes } = requireResource(await readJson(req), ["users"]);
  const value = attributes["is-site-admin"];
  if (typeof value !== "boolean") throw new AppError("invalid_value", "is-site-admin must be a boolean", { pointer: "/data/attributes/is-site-admin" });
  await setManualSiteAdmin(ctx, id, value);
  return renderUser(ctx, id);
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, PATCH, DELETE");
export { notAllowed as POST, notAllowed as PUT, notAllowed as OPTIONS };
