// GET /saml/finish?r=… — the second half of the assertion consumer: a same-site GET, so the
// browser's SSO cookie comes along and ties the verified assertion to the browser that started the
// sign-in. It then signs the user in through Auth.js (the "saml" provider in lib/auth), or, for a
// site admin's "Test sign-in", reports what a real sign-in would do.
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { getSessionUser, signIn } from "@/lib/auth";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { publicOrigin } from "@/lib/http/public-origin";
import { newRequestId } from "@/lib/http/request-id";
import { SSO_COOKIE_NAMES } from "@/lib/saml/sso-cookie";
import { recordSsoFailure, runSsoTest } from "@/lib/saml/sso-sign-in";
import { seeOther, signInErrorPath, testReportPath } from "@/lib/saml/sso-redirects";
import { openBinding, openResult } from "@/lib/saml/sso-tokens";

export async function GET(req: Request) {
  const origin = publicOrigin(req);
  const now = new Date();
  const secret = env().AUTH_SECRET;
  const ref = newRequestId();
  const jar = await cookies();
  const bindingValue = SSO_COOKIE_NAMES.map((n) => jar.get(n)?.value).find((v) => v !== undefined);
  const binding = openBinding(secret, bindingValue, now);
  const sealed = new URL(req.url).searchParams.get("r");
  const result = openResult(secret, sealed, now);
  // The cookie has done its job whatever happens next.
  for (const name of SSO_COOKIE_NAMES) if (jar.get(name)) jar.delete(name);

  if (!result) {
    await recordSsoFailure({ db: await getDb(), actor: { type: "system", id: null }, now, requestId: ref }, "expired_result");
    return seeOther(origin, signInErrorPath("expired_result", ref));
  }

  if (result.test) {
    const admin = await getSessionUser();
    if (!admin || !isSiteAdmin(admin)) return new Response("Not found", { status: 404 });
    const ctx = { db: await getDb(), actor: { type: "user" as const, id: admin.id }, now, requestId: ref };
    const report = await runSsoTest(ctx, result, binding?.rid ?? null);
    return seeOther(origin, testReportPath({ ok: report.ok, outcome: report.ok ? report.outcome : report.reason, email: result.email, ref }, now));
  }

  const redirectTo = binding && binding.rid === result.rid ? binding.callbackUrl : (result.relayPath ?? "/app");
  try {
    await signIn("saml", { result: sealed!, ref, redirectTo });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      const reason = code === "not_provisioned" || code === "suspended" ? code : "browser_mismatch";
      return seeOther(origin, signInErrorPath(reason, ref));
    }
    throw e; // the redirect after a successful sign-in
  }
  return seeOther(origin, redirectTo);
}
