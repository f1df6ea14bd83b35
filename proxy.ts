// Convenience only: sets the nonce-based CSP on every page, refreshes the session cookie and
// sends anonymous visitors of console pages to /sign-in with a 307 before any rendering. Every
// page, route handler and server action still authenticates and authorizes by itself.
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { baseAuthConfig } from "@/lib/auth/auth.config";
import { env } from "@/lib/env";

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

export default auth((req) => {
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
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  if (isConsole || pathname === "/sign-in" || pathname === "/setup") res.headers.set("Cache-Control", "no-store");
  if (req.nextUrl.protocol === "https:") res.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return res;
});

export const config = {
  // Pages only: APIs answer JSON themselves; static assets need no nonce.
  matcher: ["/((?!api/|scim/|_next/static|_next/image|favicon.ico).*)"],
};
