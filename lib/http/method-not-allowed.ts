// A method an /api/v2 endpoint does not serve: authenticated and authorized like the endpoint
// itself (401 anonymous; 404 for a non-admin on admin endpoints, which do not exist for them),
// then a JSON:API 405 naming the methods it does serve in `Allow`. Next.js's own answer would be
// an empty 405 without X-Request-Id.
import { jsonApiErrorResponse } from "@/lib/http/jsonapi";
import { withAdmin, withUser } from "@/lib/http/with-admin";

type AnyParams = Record<string, string | string[]>;

export function methodNotAllowed(allow: string, who: "admin" | "user" = "admin") {
  const methods = allow.split(", ");
  const list = methods.length > 1 ? `${methods.slice(0, -1).join(", ")} and ${methods.at(-1)}` : allow;
  const guard = who === "admin" ? withAdmin<AnyParams> : withUser<AnyParams>;
  return guard(async (req, ctx) =>
    jsonApiErrorResponse(ctx.requestId, 405, `${req.method} is not allowed here; this endpoint accepts ${list}`, { headers: { Allow: allow } }),
  );
}
