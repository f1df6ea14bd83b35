// RFC 7644 responses for /scim/v2: `application/scim+json`, errors with `status` as a string.
import { AppError, isAppError } from "@/lib/errors";
import { isRetryableContention } from "@/lib/db-errors";
import { log } from "@/lib/log";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

const DEFAULT_SCIM_TYPE: Partial<Record<number, string>> = { 400: "invalidValue", 409: "uniqueness" };

export function scimJson(requestId: string, body: unknown, status = 200, headers?: HeadersInit) {
  const h = new Headers(headers);
  h.set("Content-Type", SCIM_CONTENT_TYPE);
  // no-transform: SCIM bodies are small JSON, so the server does not gzip them (it cost ~9% of
  // the server's CPU under the SPEC §12 load); a proxy in front may still do so.
  h.set("Cache-Control", "no-store, no-transform");
  h.set("X-Request-Id", requestId);
  return new Response(JSON.stringify(body), { status, headers: h });
}

export function scimError(requestId: string, status: number, detail: string, scimType?: string | null, headers?: HeadersInit) {
  const body: Record<string, unknown> = { schemas: [SCIM_ERROR_SCHEMA], status: String(status) };
  const type = scimType === null ? undefined : (scimType ?? DEFAULT_SCIM_TYPE[status]);
  if (type) body.scimType = type;
  body.detail = detail;
  const h = new Headers(headers);
  if (status === 401) h.set("WWW-Authenticate", 'Bearer realm="roster-scim"');
  return scimJson(requestId, body, status, h);
}

/** The one mapping of any thrown value to a SCIM error response. */
export function toScimError(requestId: string, e: unknown) {
  if (isRetryableContention(e)) e = new AppError("unavailable", "The resource is busy; nothing was applied. Retry after the time in Retry-After", { retryAfter: 1 });
  if (isAppError(e)) {
    // The core's 422 (well-formed but invalid) is SCIM's 400 invalidValue.
    const status = e.status === 422 ? 400 : e.status;
    const headers: Record<string, string> = {};
    if (e.details.retryAfter) headers["Retry-After"] = String(Math.max(1, Math.ceil(e.details.retryAfter)));
    if (e.details.closeConnection) headers.Connection = "close";
    const scimType = status === 413 ? null : e.details.scimType;
    return scimError(requestId, status, e.message, scimType, headers);
  }
  log.error("unhandled error in SCIM API", { requestId, error: e });
  return scimError(requestId, 500, "An unexpected error occurred. Quote the request id when reporting it.", null);
}

/**
 * A method the path's shape does not take: 405 with `Allow` on `/Users` or `/Users/{id}` (and
 * the same for Groups); 404 for anything deeper.
 */
export function misrouted(requestId: string, method: string, resource: "Users" | "Groups", segments: string[]) {
  if (segments.length > 1) return scimError(requestId, 404, "Unknown SCIM endpoint", null);
  const [shape, allow] = segments.length === 0 ? [`/${resource}`, "GET, POST"] : [`/${resource}/{id}`, "GET, PUT, PATCH, DELETE"];
  return scimError(requestId, 405, `${method} is not supported on ${shape}`, null, { Allow: allow });
}
