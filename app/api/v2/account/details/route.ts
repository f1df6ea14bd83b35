import { eq } from "drizzle-orm";
import { scimIdentities } from "@/db/schema";
import { withUser } from "@/lib/http/with-admin";
import { jsonApiDocument } from "@/lib/http/jsonapi";
import { userResource } from "@/lib/http/resources";
import { readScimSettings } from "@/lib/scim/read-settings";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// GET /api/v2/account/details — the caller
export const GET = withUser(async (_req, ctx) => {
  const [settings, identity] = await Promise.all([
    readScimSettings(ctx.db),
    ctx.db.select().from(scimIdentities).where(eq(scimIdentities.userId, ctx.user.id)).limit(1),
  ]);
  const scim = identity[0] ? { scimUserName: identity[0].userName, scimUpdatedAt: identity[0].updatedAt } : null;
  return jsonApiDocument(ctx.requestId, userResource(ctx.user, scim, settings.enabled));
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET", "user");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
