// One router for /scim/v2 (the catch-all route and the static routes of the hot paths): resource names are matched case-insensitively (some clients
// lower-case them), trailing slashes are served, and anything unknown answers a SCIM error body.
import type { NextRequest } from "next/server";
import { misrouted, scimError, scimJson } from "@/lib/http/scim-response";
import { withScimToken, type ScimHandler } from "@/lib/http/with-scim-token";
import { resourceTypes, schemas, serviceProviderConfig } from "@/lib/scim/discovery";
import { listResponse } from "@/lib/scim/request";
import { isUuid } from "@/lib/scim/values";
import { deleteUser, getUsers, patchUser, postUsers, putUser } from "./users";
import { deleteGroup, getGroups, patchGroup, postGroups, putGroup } from "./groups";

// OPTIONS is served by no endpoint: it gets the SCIM 405 (with Allow) like any other method an
// endpoint lacks, not Next.js's automatic 204 claiming every method.
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
type Routes = Record<string, Partial<Record<Method, (req: NextRequest, segments: string[]) => Promise<Response>>>>;

// GET /scim/v2/ServiceProviderConfig — what this server supports (answered in every SCIM state)
const getServiceProviderConfig: ScimHandler = async (_req, ctx, segments) =>
  segments.length > 0
    ? scimError(ctx.requestId, 404, "Unknown SCIM endpoint", null)
    : scimJson(ctx.requestId, serviceProviderConfig(ctx.baseUrl));

// GET /scim/v2/ResourceTypes[/{name}] — User then Group
const getResourceTypes: ScimHandler = async (_req, ctx, [name, ...rest]) => {
  const all = resourceTypes(ctx.baseUrl);
  if (!name) return scimJson(ctx.requestId, listResponse(all, all.length, 1));
  const one = rest.length ? undefined : all.find((r) => r.id.toLowerCase() === name.toLowerCase());
  return one ? scimJson(ctx.requestId, one) : scimError(ctx.requestId, 404, "Unknown resource type", null);
};

// GET /scim/v2/Schemas[/{urn}] — the core User and Group schemas, as implemented
const getSchemas: ScimHandler = async (_req, ctx, [urn, ...rest]) => {
  const all = schemas(ctx.baseUrl);
  if (!urn) return scimJson(ctx.requestId, listResponse(all, all.length, 1));
  const one = rest.length ? undefined : all.find((s) => s.id.toLowerCase() === urn.toLowerCase());
  return one ? scimJson(ctx.requestId, one) : scimError(ctx.requestId, 404, "Unknown schema", null);
};

/** /Users/{id} with a well-formed id: the user is read with the request's authentication. */
const userIdOf = ([id, ...rest]: string[]) => (id && rest.length === 0 && isUuid(id) ? id : undefined);

const ROUTES: Routes = {
  resourcetypes: { GET: withScimToken("discovery", getResourceTypes) },
  schemas: { GET: withScimToken("discovery", getSchemas) },
  serviceproviderconfig: { GET: withScimToken("discovery", getServiceProviderConfig) },
  users: {
    GET: withScimToken("resource", getUsers, userIdOf),
    POST: withScimToken("resource", postUsers),
    PUT: withScimToken("resource", putUser, userIdOf),
    PATCH: withScimToken("resource", patchUser, userIdOf),
    DELETE: withScimToken("resource", deleteUser, userIdOf),
  },
  groups: {
    GET: withScimToken("resource", getGroups),
    POST: withScimToken("resource", postGroups),
    PUT: withScimToken("resource", putGroup),
    PATCH: withScimToken("resource", patchGroup),
    DELETE: withScimToken("resource", deleteGroup),
  },
};

export async function dispatch(method: Method, req: NextRequest, path: string[]) {
  const segments = path.filter((s) => s !== "");
  const [head, ...rest] = segments;
  const route = head ? ROUTES[head.toLowerCase()] : undefined;
  const handler = route?.[method];
  if (route && handler) return handler(req, rest);
  // Unknown endpoints and methods authenticate first (SPEC §14: 401 before anything else), like
  // discovery: not counted against the IdP's budget, answered in every SCIM state.
  const allow = route ? Object.keys(route).join(", ") : null;
  const resource = head?.toLowerCase() === "users" ? "Users" : head?.toLowerCase() === "groups" ? "Groups" : null;
  return withScimToken("discovery", async (_req, ctx, segments) => {
    // Users and Groups answer by the path's shape (collection or one resource), as their handlers do.
    if (resource) return misrouted(ctx.requestId, method, resource, segments);
    return allow
      ? scimError(ctx.requestId, 405, `${method} is not supported on this endpoint`, null, { Allow: allow })
      : scimError(ctx.requestId, 404, "Unknown SCIM endpoint", null);
  })(req, rest);
}

type Handlers = Record<Method, (req: NextRequest, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>>;

/**
 * The route exports for one URL shape. `prefix` names the segments a static route fixes (such as
 * "Users"), and `param` the dynamic segment that follows, if any; the catch-all passes neither.
 */
export function scimRoute(prefix: string[] = [], param?: "id" | "path"): Handlers {
  const handler = (method: Method) => async (req: NextRequest, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => {
    const params = await ctx.params;
    const value = param ? params[param] : undefined;
    const rest = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return dispatch(method, req, [...prefix, ...rest]);
  };
  return { GET: handler("GET"), POST: handler("POST"), PUT: handler("PUT"), PATCH: handler("PATCH"), DELETE: handler("DELETE"), OPTIONS: handler("OPTIONS") };
}
