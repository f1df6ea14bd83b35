import { withAdmin } from "@/lib/http/with-admin";
import { noContent } from "@/lib/http/jsonapi";
import { deleteUser } from "@/lib/admin/users/user-admin";
import { renderUser } from "@/lib/http/user-document";

// GET /api/v2/admin/users/{id} — one user with organizations and teams
export const GET = withAdmin<{ id: string }>(async (_req, ctx, { id }) => renderUser(ctx, id));

// DELETE /api/v2/admin/users/{id} — delete a user that is not SCIM-managed (422 otherwise)
export const DELETE = withAdmin<{ id: string }>(async (_req, ctx, { id }) => {
  await deleteUser(ctx, id);
  return noContent(ctx.requestId);
});
