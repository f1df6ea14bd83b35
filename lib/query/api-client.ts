// Browser-side client for the JSON:API admin API: one fetch wrapper and one error class, so every
// console screen reads statuses, details and field pointers the same way.
export const JSONAPI_MEDIA_TYPE = "application/vnd.api+json";

export interface ResourceIdentifier {
  id: string;
  type: string;
}

export interface ApiResource {
  id: string;
  type: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data: ResourceIdentifier[] | ResourceIdentifier | null }>;
}

export interface JsonApiErrorObject {
  status?: string;
  title?: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
}

export interface Pagination {
  currentPage: number;
  pageSize: number;
  totalPages: number;
  totalCount: number;
  prevPage: number | null;
  nextPage: number | null;
}

export interface Paged<T> {
  items: T[];
  pagination: Pagination;
}

/** A failed admin API call: HTTP status plus the first JSON:API error's detail and pointer. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly pointer: string | null;
  readonly errors: JsonApiErrorObject[];
  readonly requestId: string | null;

  constructor(status: number, errors: JsonApiErrorObject[], requestId: string | null) {
    const first = errors[0];
    const detail = first?.detail ?? first?.title ?? defaultDetail(status);
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.title = first?.title ?? `HTTP ${status}`;
    this.detail = detail;
    this.pointer = first?.source?.pointer ?? null;
    this.errors = errors;
    this.requestId = requestId;
  }

  /** The attribute a 422 points at: "/data/attributes/name" → "name". */
  get field(): string | null {
    const m = this.pointer?.match(/^\/data\/attributes\/([^/]+)$/);
    return m?.[1] ?? null;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

function defaultDetail(status: number) {
  if (status === 401) return "Your session has ended. Sign in again to continue.";
  if (status === 404) return "This item could not be found. It may have been deleted.";
  if (status === 429) return "Too many requests. Wait a moment and try again.";
  if (status >= 500) return "The server could not complete the request. Try again in a moment.";
  return "The request could not be completed.";
}

/** The message to show beside a form field, or null when the error is not about that field. */
export function fieldError(error: unknown, field: string): string | null {
  if (!isApiError(error) || error.field !== field) return null;
  return error.detail;
}

/** A sentence for an error shown in place (alerts, error states, toasts). */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    // Server failures ask the admin to quote the request id, so show it.
    return error.status >= 500 && error.requestId ? `${error.detail} Request id: ${error.requestId}` : error.detail;
  }
  if (error instanceof TypeError) return "Roster could not be reached. Check your connection and try again.";
  return "Something went wrong. Try again.";
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function readErrors(body: unknown): JsonApiErrorObject[] {
  if (body && typeof body === "object" && "errors" in body && Array.isArray((body as { errors: unknown }).errors)) {
    return (body as { errors: JsonApiErrorObject[] }).errors;
  }
  return [];
}

/** fetch() against /api/v2 with the session cookie; throws ApiError on any non-2xx answer. */
export async function apiFetch(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}) {
  const res = await fetch(`/api/v2${path}`, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: { Accept: JSONAPI_MEDIA_TYPE, ...(init.body !== undefined ? { "Content-Type": JSONAPI_MEDIA_TYPE } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
    cache: "no-store",
  });
  const body = res.status === 204 ? null : await parseBody(res);
  if (!res.ok) throw new ApiError(res.status, readErrors(body), res.headers.get("X-Request-Id"));
  return body as JsonApiDocument | null;
}

export interface JsonApiDocument {
  data: ApiResource | ApiResource[] | null;
  meta?: { pagination?: Record<string, number | null> };
  links?: Record<string, string | null>;
}

export function expectOne(doc: JsonApiDocument | null): ApiResource {
  if (!doc || !doc.data || Array.isArray(doc.data)) throw new ApiError(500, [{ detail: "Unexpected response from the server." }], null);
  return doc.data;
}

export function expectMany(doc: JsonApiDocument | null): ApiResource[] {
  if (!doc || !Array.isArray(doc.data)) throw new ApiError(500, [{ detail: "Unexpected response from the server." }], null);
  return doc.data;
}

export function readPagination(doc: JsonApiDocument | null, fallbackCount: number): Pagination {
  const p = doc?.meta?.pagination ?? {};
  const num = (k: string, d: number) => (typeof p[k] === "number" ? (p[k] as number) : d);
  const opt = (k: string) => (typeof p[k] === "number" ? (p[k] as number) : null);
  return {
    currentPage: num("current-page", 1),
    pageSize: num("page-size", fallbackCount),
    totalPages: num("total-pages", 1),
    totalCount: num("total-count", fallbackCount),
    prevPage: opt("prev-page"),
    nextPage: opt("next-page"),
  };
}

// Attribute readers: the API is the contract, but the console must not crash on a missing field.
export const attrString = (r: ApiResource, key: string) => {
  const v = r.attributes?.[key];
  return typeof v === "string" ? v : null;
};
export const attrBool = (r: ApiResource, key: string) => r.attributes?.[key] === true;
export const attrNumber = (r: ApiResource, key: string) => {
  const v = r.attributes?.[key];
  return typeof v === "number" ? v : null;
};
export const hasAttr = (r: ApiResource, key: string) => r.attributes !== undefined && key in r.attributes;

export function relationshipIds(r: ApiResource, name: string): string[] {
  const data = r.relationships?.[name]?.data;
  if (!data) return [];
  return Array.isArray(data) ? data.map((d) => d.id) : [data.id];
}
