// The admin API's single-user document: the user with its organizations and teams.
import { getUserDetail } from "@/lib/admin/users/user-admin";
import { jsonApiDocument } from "@/lib/http/jsonapi";
import { userResource } from "@/lib/http/resources";
import type { ApiCtx } from "@/lib/http/with-admin";
import { readScimSettings } from "@/lib/scim/read-settings";

export async function renderUser(ctx: ApiCtx, id: string) {
  const [detail, settings] = await Promise.all([getUserDetail(ctx.db, id), readScimSettings(ctx.db)]);
  const resource = userResource(detail.user, { scimUserName: detail.scimUserName, scimUpdatedAt: detail.scimUpdatedAt }, settings.enabled);
  return jsonApiDocument(ctx.requestId, {
    ...resource,
    attributes: {
      ...resource.attributes,
      organizations: detail.organizations,
      // An active member of the mapped Site Admin IdP Group: their SCIM grant is the IdP's to revoke.
      "is-in-site-admin-group": detail.inSiteAdminGroup,
      teams: detail.teams.map((t) => ({ id: t.id, name: t.name, "organization-name": t.organizationName })),
    },
  });
}
