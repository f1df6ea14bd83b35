import { withAdmin } from "@/lib/http/with-admin";
import { AppError } from "@/lib/errors";
import { suspendUser, unsuspendUser } from "@/lib/admin/users/user-admin";
import { renderUser } from "@/lib/http/user-document";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// POST /api/v2/admin/users/{id}/actions/suspend|unsuspend — users that are not SCIM-managed (422 otherwise)
export const POST = withAdmin<{ id: string; action: string }>(async (_req, ctx, { id, action }) => {
  if (action === "suspend") await suspendUser(ctx, id);
  else if (action === "unsuspend") await unsuspendUser(ctx, id);
  else throw new AppError("not_found", "Unknown action");
  return renderUser(ctx, id);
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
