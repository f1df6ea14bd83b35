// proxy.ts rewrites here every /scim/v2 path with a segment that does not decode (such as
// /Users/%FF), which Next.js would answer with a plain-text 500. It is dispatched like the
// catch-all would dispatch the path that was sent, the undecodable segment taken literally, so it
// authenticates first and gets its SCIM 400/404/405 (an id "%FF" names no user). The header only
// ever names such a path, so sending it by hand gets what sending that path gets. Asked for
// directly, this path is an unknown endpoint like any other.
import type { NextRequest } from "next/server";
import { decodedSegments, ORIGINAL_PATH_HEADER, UNDECODABLE_PATH_ROUTES, undecodablePathRoute } from "@/lib/http/undecodable-path";
import { dispatch, type Method } from "../[[...path]]/router";

const PREFIX = ["", "scim", "v2"].length;

function sentPath(req: NextRequest) {
  const sent = req.headers.get(ORIGINAL_PATH_HEADER);
  return sent && undecodablePathRoute(sent) === UNDECODABLE_PATH_ROUTES.scim ? sent : req.nextUrl.pathname;
}

const handler = (method: Method) => (req: NextRequest) =>
  dispatch(method, req, decodedSegments(sentPath(req)).slice(PREFIX));

export const GET = handler("GET");
export const POST = handler("POST");
export const PUT = handler("PUT");
export const PATCH = handler("PATCH");
export const DELETE = handler("DELETE");
export const OPTIONS = handler("OPTIONS");
