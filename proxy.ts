// Convenience only: sets the nonce-based CSP on every page, refreshes the session cookie and
// sends anonymous visitors of console pages to /sign-in with a 307 before any rendering. Every
// page, route handler and server action still authenticates and authorizes by itself.
import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/auth.config";
import { env } from "@/lib/env";
import { ORIGINAL_PATH_HEADER, undecodablePathRoute } from "@/lib/http/undecodable-path";
import { REQUEST_PATH_HEADER } from "@/lib/auth/callback-path";

const { auth } = NextAuth(baseAuthConfig(env().AUTH_SECRET));

function contentSecurityPolicy(nonce: string, isDev: boolean) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const pages = auth((req) => {
  const { pathname, search } = req.nextUrl;
  const isConsole = pathname === "/app" || pathname.startsWith("/app/");
  if (isConsole && !req.auth) {
    const url = new URL("/sign-in", req.nextUrl);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url, 307);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, env().NODE_ENV === "development");
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  // The page asked for, so a layout that finds the session gone can send the browser back here.
  requestHeaders.set(REQUEST_PATH_HEADER, pathname + search);
  requestHeaders.set("Content-Security-Policy", csp);
  const undecodable = undecodablePathRoute(pathname);
  const res = undecodable
    ? NextResponse.rewrite(new URL(undecodable, req.nextUrl), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  if (isConsole || pathname === "/sign-in" || pathname === "/setup") res.headers.set("Cache-Control", "no-store");
  if (req.nextUrl.protocol === "https:") res.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return res;
});

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  const { pathname } = req.nextUrl;
  if (pathname.startsWith("/api/") || pathname.startsWith("/scim/")) {
    // Reached only for a path with a "%" in it (see the matcher). A segment that does not decode
    // would get Next.js's plain-text 500; its surface's static route answers it instead.
    const undecodable = undecodablePathRoute(pathname);
    if (!undecodable) return NextResponse.next();
    const headers = new Headers(req.headers);
    headers.set(ORIGINAL_PATH_HEADER, pathname);
    return NextResponse.rewrite(new URL(undecodable, req.nextUrl), { request: { headers } });
  }
  // Auth.js types its wrapper as a route handler; as a proxy it hands the event on unchanged.
  return pages(req, event as unknown as Parameters<typeof pages>[1]);
}

export const config = {
  // Pages: APIs answer JSON themselves; static assets need no nonce. APIs only when the path
  // carries percent-encoding, which may not decode (see lib/http/undecodable-path.ts).
  matcher: ["/((?!api/|scim/|_next/static|_next/image|favicon.ico).*)", "/(api|scim)/(.*%.*)"],
};
