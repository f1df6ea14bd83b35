// Where the SSO routes send the browser. Failures name no check: the sign-in page shows a message
// for the two decisions a user can act on and a reference id (the audit event's request id) for
// everything else.
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { publicReason, type SsoFailureReason } from "./sso-sign-in";
import { sealTestReport, type SsoTestReport } from "./sso-tokens";

export const SSO_SETTINGS_PATH = "/app/admin/saml";

export function seeOther(origin: string, path: string) {
  const res = NextResponse.redirect(new URL(path, origin), 303);
  res.headers.set("Cache-Control", "no-store");
  return res;
}

/** The sign-in page with the public form of a failure, e.g. /sign-in?error=sso_failed&ref=…. */
export function signInErrorPath(reason: SsoFailureReason | "unavailable", ref: string | null) {
  const code = reason === "unavailable" ? "unavailable" : publicReason(reason);
  const q = new URLSearchParams({ error: `sso_${code}` });
  if (ref && code === "failed") q.set("ref", ref);
  return `/sign-in?${q}`;
}

/** The SAML settings page showing a test sign-in's report (sealed: only we can write one). */
export function testReportPath(report: SsoTestReport, now: Date) {
  return `${SSO_SETTINGS_PATH}?${new URLSearchParams({ test: sealTestReport(env().AUTH_SECRET, report, now) })}`;
}
