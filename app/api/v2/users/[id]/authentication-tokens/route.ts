import { withUser } from "@/lib/http/with-admin";
import { jsonApiDocument, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { tokenResource } from "@/lib/http/resources";
import { createUserApiToken, listUserApiTokens } from "@/lib/tokens/user-api-tokens";
import { AppError } from "@/lib/errors";
import { parseTokenAttributes } from "@/lib/http/token-attributes";
import { env } from "@/lib/env";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// Users manage only their own tokens: another user's id is simply not found.
function requireSelf(callerId: string, id: string) {
  if (callerId !== id) throw new AppError("not_found", "User not found");
}

// GET /api/v2/users/{id}/authentication-tokens — the caller's unrevoked API tokens
export const GET = withUser<{ id: string }>(async (_req, ctx, { id }) => {
  requireSelf(ctx.user.id, id);
  const rows = await listUserApiTokens(ctx.db, id);
  return jsonApiDocument(ctx.requestId, rows.map((t) => tokenResource(t)));
});

// POST /api/v2/users/{id}/authentication-tokens — mint a token; the secret is in this response only
export const POST = withUser<{ id: string }>(async (req, ctx, { id }) => {
  requireSelf(ctx.user.id, id);
  const { attributes } = requireResource(await readJson(req), ["authentication-tokens"]);
  const { description, expiresAt } = parseTokenAttributes(attributes);
  const { token, secret } = await createUserApiToken(ctx, env(), { userId: id, description, expiresAt });
  return jsonApiDocument(ctx.requestId, tokenResource(token, secret), { status: 201 });
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, POST", "user");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
