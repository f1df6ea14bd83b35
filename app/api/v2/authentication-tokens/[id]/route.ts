import { withUser } from "@/lib/http/with-admin";
import { noContent } from "@/lib/http/jsonapi";
import { revokeUserApiToken } from "@/lib/tokens/user-api-tokens";

// DELETE /api/v2/authentication-tokens/{id} — revoke one of the caller's API tokens
export const DELETE = withUser<{ id: string }>(async (_req, ctx, { id }) => {
  await revokeUserApiToken(ctx, id, ctx.user.id);
  return noContent(ctx.requestId);
});
