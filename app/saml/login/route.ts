// GET /saml/login?callbackUrl=/app/… — "Sign in with SSO": sends the browser to the identity
// provider with an AuthnRequest (HTTP-Redirect binding) and remembers, in an HttpOnly cookie, which
// request this browser started and the page it asked for. `?test=1` is a site admin's "Test
// sign-in" against the saved settings (enabled or not); it signs nobody in.
// Public on purpose (it is how anonymous users sign in); it changes nothing on the server.
import { getSessionUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { publicOrigin } from "@/lib/http/public-origin";
import { newRequestId } from "@/lib/http/request-id";
import { getSamlSettings, isSamlConfigured, isSamlReady } from "@/lib/saml/saml-settings";
import { startSignIn } from "@/lib/saml/service-provider";
import { ssoCookie } from "@/lib/saml/sso-cookie";
import { SSO_SETTINGS_PATH, seeOther, signInErrorPath, testReportPath } from "@/lib/saml/sso-redirects";
import { mintRequestId, sealBinding } from "@/lib/saml/sso-tokens";

export async function GET(req: Request) {
  const url = new URL(req.url);
  const origin = publicOrigin(req);
  const now = new Date();
  const secret = env().AUTH_SECRET;
  const test = url.searchParams.get("test") === "1";
  const settings = await getSamlSettings(await getDb());

  if (test) {
    const user = await getSessionUser();
    if (!user) return seeOther(origin, `/sign-in?callbackUrl=${encodeURIComponent(SSO_SETTINGS_PATH)}`);
    if (!isSiteAdmin(user)) return new Response("Not found", { status: 404 });
    if (!isSamlConfigured(settings)) {
      return seeOther(origin, testReportPath({ ok: false, outcome: "not_configured", email: null, ref: newRequestId() }, now));
    }
  } else if (!isSamlReady(settings)) {
    return seeOther(origin, signInErrorPath("unavailable", null));
  }

  const requestId = mintRequestId(secret, { test, now });
  const callbackUrl = test ? SSO_SETTINGS_PATH : safeCallbackPath(url.searchParams.get("callbackUrl"));
  const idpUrl = await startSignIn(settings, origin, { requestId, allowDisabled: test });
  const res = seeOther(origin, idpUrl);
  const cookie = ssoCookie(origin, sealBinding(secret, { rid: requestId, callbackUrl }, now));
  res.cookies.set(cookie.name, cookie.value, cookie.options);
  return res;
}
