import { withUser } from "@/lib/http/with-admin";
import { jsonApiDocument, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { userTokenResource } from "@/lib/http/resources";
import { createUserApiToken, listUserApiTokens } from "@/lib/tokens/user-api-tokens";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

// Users manage only their own tokens: another user's id is simply not found.
function requireSelf(callerId: string, id: string) {
  if (callerId !== id) throw new AppError("not_found", "User not found");
}

// GET /api/v2/users/{id}/authentication-tokens — the caller's unrevoked API tokens
export const GET = withUser<{ id: string }>(async (_req, ctx, { id }) => {
  requireSelf(ctx.user.id, id);
  const rows = await listUserApiTokens(ctx.db, id);
  return jsonApiDocument(ctx.requestId, rows.map((t) => userTokenResource(t)));
});

// POST /api/v2/users/{id}/authentication-tokens — mint a token; the secret is in this response only
export const POST = withUser<{ id: string }>(async (req, ctx, { id }) => {
  requireSelf(ctx.user.id, id);
  const { attributes } = requireResource(await readJson(req), ["authentication-tokens"]);
  const description = attributes.description ?? null;
  if (description !== null && (typeof description !== "string" || description.length > 255)) {
    throw new AppError("invalid_value", "description must be a string of at most 255 characters", {
      pointer: "/data/attributes/description",
    });
  }
  let expiresAt: Date | undefined;
  if (attributes["expired-at"] != null) {
    const raw = attributes["expired-at"];
    const parsed = typeof raw === "string" ? new Date(raw) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      throw new AppError("invalid_value", "expired-at must be an ISO-8601 timestamp", { pointer: "/data/attributes/expired-at" });
    }
    expiresAt = parsed;
  }
  const { token, secret } = await createUserApiToken(ctx, env(), { userId: id, description, expiresAt });
  return jsonApiDocument(ctx.requestId, userTokenResource(token, secret), { status: 201 });
});
