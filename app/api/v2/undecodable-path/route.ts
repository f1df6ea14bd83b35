// proxy.ts rewrites here every /api/v2 path with a segment that does not decode (such as
// /admin/users/%FF), which Next.js would answer with a plain-text 500. No resource has such a
// name: the caller is authenticated like anywhere else (401 without credentials), then 404.
import { jsonApiErrorResponse } from "@/lib/http/jsonapi";
import { withUser } from "@/lib/http/with-admin";

const notFound = withUser(async (_req, ctx) => jsonApiErrorResponse(ctx.requestId, 404, "Not found"));
export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE, notFound as OPTIONS };
