// One router for /scim/v2: resource names are matched case-insensitively (some clients
// lower-case them), trailing slashes are served, and anything unknown answers a SCIM error body.
import type { NextRequest } from "next/server";
import { newRequestId } from "@/lib/http/request-id";
import { scimError, scimJson } from "@/lib/http/scim-response";
import { withScimToken, type ScimHandler } from "@/lib/http/with-scim-token";
import { serviceProviderConfig } from "@/lib/scim/discovery";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Routes = Record<string, Partial<Record<Method, (req: NextRequest, segments: string[]) => Promise<Response>>>>;

// GET /scim/v2/ServiceProviderConfig — what this server supports (answered in every SCIM state)
const getServiceProviderConfig: ScimHandler = async (_req, ctx, segments) =>
  segments.length > 0
    ? scimError(ctx.requestId, 404, "Unknown SCIM endpoint", null)
    : scimJson(ctx.requestId, serviceProviderConfig(ctx.baseUrl));

const ROUTES: Routes = {
  serviceproviderconfig: { GET: withScimToken("discovery", getServiceProviderConfig) },
};

async function dispatch(method: Method, req: NextRequest, params: Promise<{ path?: string[] }>) {
  const segments = ((await params).path ?? []).filter((s) => s !== "");
  const [head, ...rest] = segments;
  const route = head ? ROUTES[head.toLowerCase()] : undefined;
  if (!route) return scimError(newRequestId(), 404, "Unknown SCIM endpoint", null);
  const handler = route[method];
  if (!handler) {
    return scimError(newRequestId(), 405, `${method} is not supported on this endpoint`, null, { Allow: Object.keys(route).join(", ") });
  }
  return handler(req, rest);
}

type RouteContext = { params: Promise<{ path?: string[] }> };
export const GET = (req: NextRequest, ctx: RouteContext) => dispatch("GET", req, ctx.params);
export const POST = (req: NextRequest, ctx: RouteContext) => dispatch("POST", req, ctx.params);
export const PUT = (req: NextRequest, ctx: RouteContext) => dispatch("PUT", req, ctx.params);
export const PATCH = (req: NextRequest, ctx: RouteContext) => dispatch("PATCH", req, ctx.params);
export const DELETE = (req: NextRequest, ctx: RouteContext) => dispatch("DELETE", req, ctx.params);
