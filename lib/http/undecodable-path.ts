// Next.js decodes path segments to match dynamic routes, and answers a segment that does not
// decode (…/Users/%FF, …/Users/100%) with a plain-text 500 before any handler runs. proxy.ts
// sends such paths to a static route of their surface instead (UNDECODABLE_PATH_ROUTES), which
// answers in its surface's format. The SCIM route needs the path that was sent: the proxy passes
// it in ORIGINAL_PATH_HEADER (whether the handler's request URL is the original or the rewritten
// one depends on how `next start` was started).

export const UNDECODABLE_PATH_ROUTES = {
  scim: "/scim/v2/undecodable-path",
  api: "/api/v2/undecodable-path",
  /** No page lives here: the console's 404 page answers. */
  page: "/undecodable-path",
} as const;

export const ORIGINAL_PATH_HEADER = "x-roster-undecodable-path";

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export const hasUndecodableSegment = (pathname: string) => pathname.split("/").some((s) => decodeSegment(s) === null);

/** The path's segments decoded, a segment that does not decode taken literally ("%FF" stays "%FF"). */
export const decodedSegments = (pathname: string) => pathname.split("/").map((s) => decodeSegment(s) ?? s);

/** Which static route answers an undecodable path, or null when every segment decodes. */
export function undecodablePathRoute(pathname: string): string | null {
  if (!hasUndecodableSegment(pathname)) return null;
  if (pathname.startsWith("/scim/v2/")) return UNDECODABLE_PATH_ROUTES.scim;
  if (pathname.startsWith("/api/v2/")) return UNDECODABLE_PATH_ROUTES.api;
  return UNDECODABLE_PATH_ROUTES.page;
}
