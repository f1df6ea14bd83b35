// Provisioning activity (GET /api/v2/admin/scim-activity): every /scim/v2 request, newest first,
// with per-minute counts by status class for the chart.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, attrNumber, attrString, expectMany, readPagination, withQuery, type ApiResource, type JsonApiDocument, type Paged } from "./api-client";
import { queryKeys, type ActivityListParams } from "./keys";

export type StatusClass = "2xx" | "4xx" | "5xx";

export interface ScimRequest {
  id: string;
  timestamp: string | null;
  method: string;
  /** With its /scim/v2 prefix; filter values are replaced by "…". */
  path: string;
  status: number;
  scimType: string | null;
  durationMs: number | null;
  tokenId: string | null;
  requestId: string | null;
  resourceType: "User" | "Group" | null;
  /** The SCIM id of the user or group, when the path names one. */
  resourceId: string | null;
  /** The Roster user behind a User resource, while its SCIM identity exists. */
  userId: string | null;
}

export interface ActivityMinute {
  /** Start of the minute, ISO-8601. */
  minute: string;
  "2xx": number;
  "4xx": number;
  "5xx": number;
}

export interface ActivityPage extends Paged<ScimRequest> {
  series: ActivityMinute[];
  /** The window the page was read for. */
  since: string;
  until: string;
}

export const ACTIVITY_WINDOWS = [
  { minutes: 15, label: "15 minutes", long: "the last 15 minutes" },
  { minutes: 60, label: "1 hour", long: "the last hour" },
  { minutes: 360, label: "6 hours", long: "the last 6 hours" },
  { minutes: 1440, label: "24 hours", long: "the last 24 hours" },
] as const;

export const SCIM_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The statuses /scim/v2 answers with (SPEC §9), offered as filters besides the classes. */
export const SCIM_STATUS_CODES = [200, 201, 204, 400, 401, 403, 404, 409, 413, 429, 500, 503] as const;

export function statusClass(status: number): StatusClass {
  return status >= 500 ? "5xx" : status >= 400 ? "4xx" : "2xx";
}

const MINUTE_MS = 60_000;
/** Refreshed this often while the page is open: the chart is a live view. */
export const ACTIVITY_REFRESH_MS = 30_000;

function toRequest(r: ApiResource): ScimRequest {
  const type = attrString(r, "resource-type");
  return {
    id: r.id,
    timestamp: attrString(r, "timestamp"),
    method: attrString(r, "method") ?? "",
    path: attrString(r, "path") ?? "",
    status: attrNumber(r, "status") ?? 0,
    scimType: attrString(r, "scim-type"),
    durationMs: attrNumber(r, "duration-ms"),
    tokenId: attrString(r, "token-id"),
    requestId: attrString(r, "request-id"),
    resourceType: type === "User" || type === "Group" ? type : null,
    resourceId: attrString(r, "resource-id"),
    userId: attrString(r, "user-id"),
  };
}

function readSeries(doc: JsonApiDocument | null): ActivityMinute[] {
  const raw = (doc?.meta as { series?: unknown } | undefined)?.series;
  if (!Array.isArray(raw)) return [];
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return raw.flatMap((p: unknown) => {
    if (!p || typeof p !== "object") return [];
    const o = p as Record<string, unknown>;
    return typeof o.minute === "string" ? [{ minute: o.minute, "2xx": n(o["2xx"]), "4xx": n(o["4xx"]), "5xx": n(o["5xx"]) }] : [];
  });
}

/** Reads the window ending now, so every refetch slides it forward. */
export async function fetchActivity(p: ActivityListParams, signal?: AbortSignal): Promise<ActivityPage> {
  const until = new Date();
  const since = new Date(until.getTime() - p.windowMinutes * MINUTE_MS);
  const doc = await apiFetch(
    withQuery("/admin/scim-activity", {
      "page[number]": p.page,
      "page[size]": p.size,
      "filter[since]": since.toISOString(),
      "filter[until]": until.toISOString(),
      "filter[status]": p.status,
      "filter[method]": p.method,
      "filter[resource]": p.resource,
      "filter[token]": p.token,
    }),
    { signal },
  );
  const items = expectMany(doc).map(toRequest);
  return { items, pagination: readPagination(doc, items.length), series: readSeries(doc), since: since.toISOString(), until: until.toISOString() };
}

export function useScimActivity(p: ActivityListParams) {
  return useQuery({
    queryKey: queryKeys.activity.list(p),
    queryFn: ({ signal }) => fetchActivity(p, signal),
    placeholderData: keepPreviousData,
    refetchInterval: ACTIVITY_REFRESH_MS,
  });
}
