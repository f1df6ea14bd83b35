import { withUser } from "@/lib/http/with-admin";
import { noContent } from "@/lib/http/jsonapi";
import { revokeUserApiToken } from "@/lib/tokens/user-api-tokens";
import { revokeScimToken } from "@/lib/scim/tokens/scim-tokens";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";
import { AppError } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// DELETE /api/v2/authentication-tokens/{id} — revoke a SCIM token (site admins) or one of the
// caller's own API tokens
export const DELETE = withUser<{ id: string }>(async (_req, ctx, { id }) => {
  if (id.startsWith("at-")) {
    if (!isSiteAdmin(ctx.user)) throw new AppError("not_found", "Token not found");
    await revokeScimToken(ctx, id);
  } else {
    await revokeUserApiToken(ctx, id, ctx.user.id);
  }
  return noContent(ctx.requestId);
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("DELETE", "user");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as OPTIONS };
