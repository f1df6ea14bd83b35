import { withAdmin } from "@/lib/http/with-admin";
import { jsonApiDocument, paginationLinksAndMeta, parsePage, requireResource } from "@/lib/http/jsonapi";
import { readJson } from "@/lib/http/read-json";
import { createLocalUser } from "@/lib/admin/users/create-local-user";
import { AppError } from "@/lib/errors";
import { userResource } from "@/lib/http/resources";
import { listUsers } from "@/lib/admin/users/user-queries";
import { recoveryAdminCount } from "@/lib/admin/users/user-admin";
import { readScimSettings } from "@/lib/scim/read-settings";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

/** filter[status]=active|suspended, filter[scim-managed]=true|false, filter[site-admin]=manual|scim */
function parseUserFilters(url: URL) {
  const get = (k: string) => url.searchParams.get(`filter[${k}]`)?.trim() || undefined;
  const bad = (k: string, allowed: string) => new AppError("bad_request", `filter[${k}] must be ${allowed}`, { pointer: `filter[${k}]` });
  const status = get("status");
  if (status !== undefined && status !== "active" && status !== "suspended") throw bad("status", "active or suspended");
  const managed = get("scim-managed");
  if (managed !== undefined && managed !== "true" && managed !== "false") throw bad("scim-managed", "true or false");
  const siteAdmin = get("site-admin");
  if (siteAdmin !== undefined && siteAdmin !== "manual" && siteAdmin !== "scim") throw bad("site-admin", "manual or scim");
  return {
    status: status as "active" | "suspended" | undefined,
    scimManaged: managed === undefined ? undefined : managed === "true",
    siteAdmin: siteAdmin as "manual" | "scim" | undefined,
  };
}

// GET /api/v2/admin/users?q=&filter[…] — users, oldest first; q matches email, username, SCIM userName
export const GET = withAdmin(async (req, ctx) => {
  const url = new URL(req.url);
  const page = parsePage(url);
  const q = url.searchParams.get("q")?.trim() || undefined;
  const [{ rows, total }, settings, recoveryAdmins] = await Promise.all([
    listUsers(ctx.db, { q, ...parseUserFilters(url), page: page.number, size: page.size }),
    readScimSettings(ctx.db),
    recoveryAdminCount(ctx.db),
  ]);
  const doc = paginationLinksAndMeta(url, page, total);
  return jsonApiDocument(
    ctx.requestId,
    rows.map((r) => userResource(r.user, { scimUserName: r.scimUserName, scimUpdatedAt: r.scimUpdatedAt }, settings.enabled)),
    // How many site admins can sign in without SSO (the console warns at one or none).
    { ...doc, meta: { ...doc.meta, "non-sso-site-admin-count": recoveryAdmins } },
  );
});

// POST /api/v2/admin/users — create a non-SSO (password) account, optionally a manual site admin
export const POST = withAdmin(async (req, ctx) => {
  const { attributes } = requireResource(await readJson(req), ["users"]);
  const { email, password } = attributes;
  const isAdmin = attributes["is-site-admin"] ?? false;
  if (typeof email !== "string") throw new AppError("invalid_value", "email is required", { pointer: "/data/attributes/email" });
  if (typeof password !== "string") throw new AppError("invalid_value", "password is required", { pointer: "/data/attributes/password" });
  if (typeof isAdmin !== "boolean") {
    throw new AppError("invalid_value", "is-site-admin must be a boolean", { pointer: "/data/attributes/is-site-admin" });
  }
  const user = await createLocalUser(ctx, { email, password, isSiteAdmin: isAdmin });
  const settings = await readScimSettings(ctx.db);
  return jsonApiDocument(ctx.requestId, userResource(user, null, settings.enabled), { status: 201 });
});

// Methods this endpoint does not serve: authenticated like the rest, then a JSON:API 405.
const notAllowed = methodNotAllowed("GET, POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE, notAllowed as OPTIONS };
