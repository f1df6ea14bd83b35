// /scim/v2/Users handlers: adapters from HTTP to lib/scim/users.
import { misrouted, scimError, scimJson } from "@/lib/http/scim-response";
import type { ScimHandler } from "@/lib/http/with-scim-token";
import { parseScimFilter } from "@/lib/scim/filter";
import { applyUserPatch, PATCH_PROBE_USER } from "@/lib/scim/patch";
import { listResponse, pagingParams, readScimBody } from "@/lib/scim/request";
import { parseUserBody, type UserAttributes } from "@/lib/scim/users/user-attributes";
import { projectResource, userResource } from "@/lib/scim/users/user-resource";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, updateScimUser } from "@/lib/scim/users/scim-users";

const tooDeep = (requestId: string) => scimError(requestId, 404, "Unknown SCIM endpoint", null);

// GET /scim/v2/Users[/{id}] — list with filter and paging, or one user
export const getUsers: ScimHandler = async (req, ctx, [id, ...rest]) => {
  if (rest.length) return tooDeep(ctx.requestId);
  const url = new URL(req.url);
  if (id) {
    const { identity, user } = await getScimUser(ctx.db, id, ctx.preloadedUser);
    return scimJson(ctx.requestId, projectResource(userResource(identity, user, ctx.baseUrl), url), 200, { Location: `${ctx.baseUrl}/Users/${identity.id}` });
  }
  const filterText = url.searchParams.get("filter");
  const filter = filterText === null ? null : parseScimFilter("User", filterText);
  const { startIndex, count } = pagingParams(url);
  const { total, rows } = await listScimUsers(ctx.db, filter, startIndex, count);
  const resources = rows.map((r) => projectResource(userResource(r.identity, r.user, ctx.baseUrl), url));
  return scimJson(ctx.requestId, listResponse(resources, total, startIndex));
};

// POST /scim/v2/Users — create a user, or link an existing Roster user by email
export const postUsers: ScimHandler = async (req, ctx, segments) => {
  if (segments.length) return misrouted(ctx.requestId, "POST", "Users", segments);
  const attrs = parseUserBody(await readScimBody(req), true);
  const { identity, user } = await createScimUser(ctx, attrs);
  const location = `${ctx.baseUrl}/Users/${identity.id}`;
  return scimJson(ctx.requestId, userResource(identity, user, ctx.baseUrl), 201, { Location: location });
};

// PUT /scim/v2/Users/{id} — replace the SCIM-managed attributes (omitted active keeps its state)
export const putUser: ScimHandler = async (req, ctx, [id, ...rest]) => {
  if (!id || rest.length) return misrouted(ctx.requestId, "PUT", "Users", id ? [id, ...rest] : []);
  const body = await readScimBody(req);
  parseUserBody(body, true); // a bad body is a 400 before an unknown id is a 404 (SPEC §14)
  const { identity, user } = await updateScimUser(ctx, id, "replace", (current) => parseUserBody(body, current.active), ctx.preloadedUser);
  return scimJson(ctx.requestId, userResource(identity, user, ctx.baseUrl));
};

// PATCH /scim/v2/Users/{id} — RFC 7644 PATCH, atomic
export const patchUser: ScimHandler = async (req, ctx, [id, ...rest]) => {
  if (!id || rest.length) return misrouted(ctx.requestId, "PATCH", "Users", id ? [id, ...rest] : []);
  const body = await readScimBody(req);
  const patch = (current: UserAttributes) => applyUserPatch(current, body, id);
  patch(PATCH_PROBE_USER); // a bad PATCH is a 400 before an unknown id is a 404 (SPEC §14)
  const { identity, user } = await updateScimUser(ctx, id, "update", patch, ctx.preloadedUser);
  return scimJson(ctx.requestId, projectResource(userResource(identity, user, ctx.baseUrl), new URL(req.url)));
};

// DELETE /scim/v2/Users/{id} — remove the SCIM identity and suspend the user (404 if unknown)
export const deleteUser: ScimHandler = async (_req, ctx, [id, ...rest]) => {
  if (!id || rest.length) return misrouted(ctx.requestId, "DELETE", "Users", id ? [id, ...rest] : []);
  await deleteScimUser(ctx, id, ctx.preloadedUser);
  return new Response(null, { status: 204, headers: { "X-Request-Id": ctx.requestId } });
};
