// POST /saml/acs — the assertion consumer (HTTP-POST binding). The identity provider's POST is
// cross-site, so it carries none of our cookies: this handler verifies the SAML response
// (service-provider.ts: signature, issuer, audience, destination, validity window, InResponseTo
// against one of our self-verifying request ids, one-time assertion id) and hands the result,
// sealed and valid for two minutes, to /saml/finish, a same-site GET where the browser's SSO
// cookie ties it to the browser that started the sign-in. Every refusal is audited here with its
// reason; the browser sees a reference id only.
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { systemActor } from "@/lib/context";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { publicOrigin } from "@/lib/http/public-origin";
import { readBodyText } from "@/lib/http/read-json";
import { newRequestId } from "@/lib/http/request-id";
import { log } from "@/lib/log";
import { getSamlSettings } from "@/lib/saml/saml-settings";
import { claimedRequestId, validateSamlResponse, type SamlValidationResult } from "@/lib/saml/service-provider";
import { recordSsoFailure } from "@/lib/saml/sso-sign-in";
import { seeOther, signInErrorPath, testReportPath } from "@/lib/saml/sso-redirects";
import { sealResult, verifyRequestId } from "@/lib/saml/sso-tokens";

/** A real SAMLResponse form is a few kilobytes; the validator caps the value itself at 256 KiB. */
const MAX_FORM_BYTES = 512 * 1024;

async function readForm(req: Request): Promise<URLSearchParams | null> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return null;
  try {
    return new URLSearchParams(await readBodyText(req, MAX_FORM_BYTES));
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}

export async function POST(req: Request) {
  const origin = publicOrigin(req);
  const now = new Date();
  const secret = env().AUTH_SECRET;
  const db = await getDb();
  const ctx = { db, actor: systemActor, now, requestId: newRequestId() };

  const form = await readForm(req);
  const samlResponse = form?.get("SAMLResponse") ?? "";
  const pending = verifyRequestId(secret, claimedRequestId(samlResponse), now);
  const test = pending?.test ?? false;

  const result: SamlValidationResult = form
    ? await validateSamlResponse(db, await getSamlSettings(db), origin, samlResponse, { expectedRequestId: pending?.id ?? null, now, allowDisabled: test })
    : { ok: false, reason: "malformed" };

  if (!result.ok) {
    await recordSsoFailure(ctx, result.reason, { test });
    log.info("saml sign-in refused", { requestId: ctx.requestId, reason: result.reason });
    if (test) return seeOther(origin, testReportPath({ ok: false, outcome: result.reason, email: null, ref: ctx.requestId }, now));
    return seeOther(origin, signInErrorPath(result.reason, ctx.requestId));
  }

  // RelayState may name where to land only for an IdP-initiated sign-in; SP-initiated sign-ins
  // return to the page remembered in the browser's SSO cookie.
  const relayState = form?.get("RelayState");
  const relayPath = !pending && relayState ? safeCallbackPath(relayState) : null;
  const sealed = sealResult(secret, { assertionId: result.assertionId, email: result.email, emails: result.emails, rid: pending?.id ?? null, test, relayPath }, now);
  return seeOther(origin, `/saml/finish?${new URLSearchParams({ r: sealed })}`);
}
