// /scim/v2/Groups handlers: adapters from HTTP to lib/scim/groups.
import { misrouted, scimError, scimJson } from "@/lib/http/scim-response";
import type { ScimCtx, ScimHandler } from "@/lib/http/with-scim-token";
import { parseScimFilter } from "@/lib/scim/filter";
import { applyGroupPatch, patchProbeGroup } from "@/lib/scim/patch";
import { listResponse, pagingParams, readScimBody } from "@/lib/scim/request";
import { parseGroupBody } from "@/lib/scim/groups/group-input";
import { groupResource } from "@/lib/scim/groups/group-resource";
import { NO_MEMBER_CHANGE } from "@/lib/scim/groups/membership";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, updateScimGroup } from "@/lib/scim/groups/scim-groups";
import { attributePaths, projectResource } from "@/lib/scim/users/user-resource";

/** Members are read only when the response will show them. */
function wantsMembers(url: URL) {
  if (attributePaths(url.searchParams.get("excludedAttributes")).some(([attr, sub]) => attr === "members" && !sub)) return false;
  const include = attributePaths(url.searchParams.get("attributes")).map(([attr]) => attr);
  return include.length === 0 || include.includes("members");
}

async function render(ctx: ScimCtx, url: URL, id: string, status = 200, withLocation = false) {
  const view = await getScimGroup(ctx.db, id, wantsMembers(url));
  const headers = withLocation ? { Location: `${ctx.baseUrl}/Groups/${view.group.id}` } : undefined;
  return scimJson(ctx.requestId, projectResource(groupResource(view, ctx.baseUrl), url), status, headers);
}

// GET /scim/v2/Groups[/{id}] — list with filter and paging, or one group
export const getGroups: ScimHandler = async (req, ctx, [id, ...rest]) => {
  if (rest.length) return scimError(ctx.requestId, 404, "Unknown SCIM endpoint", null);
  const url = new URL(req.url);
  if (id) return render(ctx, url, id, 200, true);
  const filterText = url.searchParams.get("filter");
  const filter = filterText === null ? null : parseScimFilter("Group", filterText);
  const { startIndex, count } = pagingParams(url);
  const { total, rows } = await listScimGroups(ctx.db, filter, startIndex, count, wantsMembers(url));
  return scimJson(ctx.requestId, listResponse(rows.map((v) => projectResource(groupResource(v, ctx.baseUrl), url)), total, startIndex));
};

// POST /scim/v2/Groups — create a group with its members
export const postGroups: ScimHandler = async (req, ctx, segments) => {
  if (segments.length) return misrouted(ctx.requestId, "POST", "Groups", segments);
  const body = parseGroupBody(await readScimBody(req), true);
  const { group } = await createScimGroup(ctx, { displayName: body.displayName!, externalId: body.externalId ?? null, members: body.members ?? [] });
  return render(ctx, new URL(req.url), group.id, 201, true);
};

// PUT /scim/v2/Groups/{id} — replace; omitted attributes keep their value, members is the full roster
export const putGroup: ScimHandler = async (req, ctx, [id, ...rest]) => {
  if (!id || rest.length) return misrouted(ctx.requestId, "PUT", "Groups", id ? [id, ...rest] : []);
  const body = parseGroupBody(await readScimBody(req), false);
  await updateScimGroup(ctx, id, (current) => ({
    attributes: {
      id: current.id,
      displayName: body.displayName ?? current.displayName,
      externalId: body.externalId === undefined ? current.externalId : body.externalId,
    },
    members: body.members === undefined ? NO_MEMBER_CHANGE : { replaceWith: body.members, add: [], remove: [] },
  }));
  return render(ctx, new URL(req.url), id);
};

// PATCH /scim/v2/Groups/{id} — atomic PATCH; 204 unless the query asks for attributes
export const patchGroup: ScimHandler = async (req, ctx, [id, ...rest]) => {
  if (!id || rest.length) return misrouted(ctx.requestId, "PATCH", "Groups", id ? [id, ...rest] : []);
  const body = await readScimBody(req);
  applyGroupPatch(patchProbeGroup(id), body); // a bad PATCH is a 400 before an unknown id is a 404 (SPEC §14)
  await updateScimGroup(ctx, id, (current) => applyGroupPatch(current, body));
  const url = new URL(req.url);
  if (url.searchParams.has("attributes") || url.searchParams.has("excludedAttributes")) return render(ctx, url, id);
  return new Response(null, { status: 204, headers: { "X-Request-Id": ctx.requestId } });
};

// DELETE /scim/v2/Groups/{id} — 204, also when the group does not exist
export const deleteGroup: ScimHandler = async (_req, ctx, [id, ...rest]) => {
  if (!id || rest.length) return misrouted(ctx.requestId, "DELETE", "Groups", id ? [id, ...rest] : []);
  await deleteScimGroup(ctx, id);
  return new Response(null, { status: 204, headers: { "X-Request-Id": ctx.requestId } });
};
