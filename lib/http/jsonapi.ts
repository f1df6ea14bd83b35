// JSON:API documents and errors for /api/v2. AppError → errors[] is mapped here, once.
import { AppError, isAppError } from "@/lib/errors";
import { isRetryableContention } from "@/lib/db-errors";
import { log } from "@/lib/log";

export const JSONAPI_CONTENT_TYPE = "application/vnd.api+json";

export interface ResourceObject {
  id: string;
  type: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data: { id: string; type: string }[] | { id: string; type: string } | null }>;
  links?: Record<string, string>;
}

export interface Page {
  number: number;
  size: number;
}

const baseHeaders = (requestId: string, extra?: HeadersInit) => {
  const h = new Headers(extra);
  h.set("Content-Type", JSONAPI_CONTENT_TYPE);
  h.set("Cache-Control", "no-store");
  h.set("X-Request-Id", requestId);
  return h;
};

export function jsonApiDocument(
  requestId: string,
  data: ResourceObject | ResourceObject[] | null,
  init: { status?: number; meta?: Record<string, unknown>; links?: Record<string, string | null>; headers?: HeadersInit } = {},
) {
  const body: Record<string, unknown> = { data };
  if (init.links) body.links = init.links;
  if (init.meta) body.meta = init.meta;
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: baseHeaders(requestId, init.headers) });
}

export function noContent(requestId: string) {
  const h = new Headers({ "Cache-Control": "no-store", "X-Request-Id": requestId });
  return new Response(null, { status: 204, headers: h });
}

/** Parses `page[number]` and `page[size]` (default 20, max 100). */
export function parsePage(url: URL, defaults = { size: 20, max: 100 }): Page {
  const read = (key: string, fallback: number) => {
    const raw = url.searchParams.get(key);
    if (raw === null || raw === "") return fallback;
    if (!/^\d+$/.test(raw)) throw new AppError("bad_request", `${key} must be a positive integer`, { pointer: key });
    return Number(raw);
  };
  const size = Math.min(defaults.max, Math.max(1, read("page[size]", defaults.size)));
  // Past the last page is an empty page; the offset stays within PostgreSQL's integer range.
  const number = Math.min(Math.max(1, read("page[number]", 1)), Math.floor(2_147_483_647 / size));
  return { number, size };
}

export function paginationLinksAndMeta(url: URL, page: Page, total: number) {
  const totalPages = Math.max(1, Math.ceil(total / page.size));
  const link = (n: number) => {
    const u = new URL(url);
    u.searchParams.set("page[number]", String(n));
    u.searchParams.set("page[size]", String(page.size));
    return `${u.pathname}?${u.searchParams.toString()}`;
  };
  return {
    links: {
      self: link(page.number),
      first: link(1),
      prev: page.number > 1 ? link(page.number - 1) : null,
      next: page.number < totalPages ? link(page.number + 1) : null,
      last: link(totalPages),
    },
    meta: {
      pagination: {
        "current-page": page.number,
        "page-size": page.size,
        "prev-page": page.number > 1 ? page.number - 1 : null,
        "next-page": page.number < totalPages ? page.number + 1 : null,
        "total-pages": totalPages,
        "total-count": total,
      },
    },
  };
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function jsonApiErrorResponse(requestId: string, status: number, detail: string, extra: { pointer?: string; parameter?: string; headers?: HeadersInit } = {}) {
  const error: Record<string, unknown> = { status: String(status), title: TITLES[status] ?? "Error", detail };
  if (extra.pointer) {
    error.source = extra.pointer.startsWith("/") ? { pointer: extra.pointer } : { parameter: extra.pointer };
  }
  const headers = baseHeaders(requestId, extra.headers);
  if (status === 401) headers.set("WWW-Authenticate", 'Bearer realm="roster"');
  return new Response(JSON.stringify({ errors: [error] }), { status, headers });
}

/** The one mapping of any thrown value to a JSON:API error response. */
export function toJsonApiError(requestId: string, e: unknown) {
  if (isRetryableContention(e)) e = new AppError("unavailable", "The resource is busy; nothing was applied. Retry after the time in Retry-After", { retryAfter: 1 });
  if (isAppError(e)) {
    const headers: Record<string, string> = {};
    if (e.details.retryAfter) headers["Retry-After"] = String(Math.max(1, Math.ceil(e.details.retryAfter)));
    if (e.details.closeConnection) headers.Connection = "close";
    return jsonApiErrorResponse(requestId, e.status, e.message, { pointer: e.details.pointer, headers });
  }
  log.error("unhandled error in admin API", { requestId, error: e });
  return jsonApiErrorResponse(requestId, 500, "An unexpected error occurred. Quote the request id when reporting it.");
}

/** Reads `data` of a JSON:API request document: an object with the expected type. */
export function requireResource(body: unknown, types: string[]) {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("invalid_value", "Request body must be a JSON:API document", { pointer: "/data" });
  }
  const data = (body as Record<string, unknown>).data;
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new AppError("invalid_value", "data must be a resource object", { pointer: "/data" });
  }
  const d = data as Record<string, unknown>;
  if (typeof d.type !== "string" || !types.includes(d.type)) {
    throw new AppError("conflict", `data.type must be ${types.map((t) => `"${t}"`).join(" or ")}`, { pointer: "/data/type" });
  }
  const attributes = d.attributes ?? {};
  if (typeof attributes !== "object" || Array.isArray(attributes) || attributes === null) {
    throw new AppError("invalid_value", "attributes must be an object", { pointer: "/data/attributes" });
  }
  return { id: d.id, attributes: attributes as Record<string, unknown> };
}

/** Reads `data` as a list of resource identifiers of one type (relationship documents). */
export function requireIdentifiers(body: unknown, type: string) {
  const data = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>).data : undefined;
  if (!Array.isArray(data)) throw new AppError("invalid_value", "data must be an array of resource identifiers", { pointer: "/data" });
  if (data.length > 1000) throw new AppError("invalid_value", "At most 1000 identifiers per request", { pointer: "/data" });
  return data.map((item, i) => {
    if (!item || typeof item !== "object" || (item as Record<string, unknown>).type !== type || typeof (item as Record<string, unknown>).id !== "string") {
      throw new AppError("invalid_value", `Each identifier must be {"type":"${type}","id":"…"}`, { pointer: `/data/${i}` });
    }
    return (item as { id: string }).id;
  });
}
