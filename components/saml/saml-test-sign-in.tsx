import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import type { SamlSettings } from "@/lib/query/saml";
import type { SsoTestReport } from "@/lib/saml/sso-tokens";

/** Admin-facing explanations of a test sign-in's failure (end users only ever see a reference). */
function failureText(reason: string, s: SamlSettings): string {
  switch (reason) {
    case "not_configured":
      return "The settings are incomplete. Save a provider type, IdP entity ID, SSO URL and signing certificate, then test again.";
    case "invalid_signature":
      return "The response was not signed with the saved certificate, or not signed at all. Paste your identity provider's current signing certificate.";
    case "wrong_issuer":
      return "The response came from another issuer than the saved IdP entity ID. Copy the entity ID (issuer) from your identity provider again.";
    case "wrong_audience":
      return `The assertion was meant for another application. Set the identifier / audience in your identity provider to ${s.spEntityId}.`;
    case "wrong_destination":
      return `The response was addressed to another URL. Set the reply / single sign-on URL in your identity provider to ${s.spAcsUrl}.`;
    case "expired":
    case "not_yet_valid":
      return "The assertion was outside its validity window. Check that the clocks of Roster and your identity provider are right.";
    case "wrong_in_response_to":
    case "browser_mismatch":
    case "replayed":
    case "expired_result":
      return "The response did not answer the test this browser started, or was used already. Run the test again.";
    case "idp_error":
      return "Your identity provider answered with an error instead of signing you in. Check that you are assigned to the application there.";
    case "no_email":
      return "The assertion carried no email address. Send the user's email as the NameID, or in an attribute named email.";
    default:
      return "The identity provider's answer could not be read as a SAML response.";
  }
}

function Report({ report, settings }: { report: SsoTestReport; settings: SamlSettings }) {
  const who = report.email ?? "the user";
  if (!report.ok) {
    return (
      <Alert tone="danger" title="Test sign-in failed">
        {failureText(report.outcome, settings)}{" "}
        <Link href={`/app/admin/audit?${new URLSearchParams({ reference: report.ref })}`} className="font-medium underline">
          See the audit event (reference {report.ref})
        </Link>
        .
      </Alert>
    );
  }
  switch (report.outcome) {
    case "would_sign_in":
      return (
        <Alert tone="info" title="Test sign-in succeeded">
          Your identity provider signed in {who}, and Roster accepted the response. This user can sign in with SSO.
        </Alert>
      );
    case "would_create":
      return (
        <Alert tone="info" title="Test sign-in succeeded">
          Your identity provider signed in {who}, and Roster accepted the response. No Roster user has this email yet: while SCIM provisioning is off,
          their first SSO sign-in creates one.
        </Alert>
      );
    case "not_provisioned":
      return (
        <Alert tone="warning" title="The response is valid, but this user could not sign in yet">
          Your identity provider signed in {who}, but no Roster user has this email and SCIM provisioning is on. Sign-in is refused until your identity
          provider provisions the user.
        </Alert>
      );
    default:
      return (
        <Alert tone="warning" title="The response is valid, but this user is suspended">
          Your identity provider signed in {who}, but that Roster user is suspended, so sign-in would be refused.
        </Alert>
      );
  }
}

/** "Test sign-in": a real round trip through the IdP with the saved settings; signs nobody in. */
export function SamlTestSignIn({ settings, report }: { settings: SamlSettings; report: SsoTestReport | null }) {
  const configured = !!(settings.providerType && settings.idpEntityId && settings.ssoUrl && settings.certificate);
  return (
    <section aria-labelledby="saml-test-heading" className="mb-6 rounded-lg border border-slate-200 bg-white px-5 py-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-xl">
          <h2 id="saml-test-heading" className="text-base font-semibold text-slate-900">
            Test sign-in
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Signs in at your identity provider with the saved settings and checks its response as a real sign-in would, without signing you in or out.
            Works before single sign-on is enabled.
          </p>
        </div>
        {configured ? (
          <a href="/saml/login?test=1" className={buttonClasses({ variant: "secondary" })}>
            Test sign-in
          </a>
        ) : (
          <span aria-disabled="true" className={buttonClasses({ variant: "secondary", className: "pointer-events-none opacity-50" })}>
            Test sign-in
          </span>
        )}
      </div>
      {!configured ? <p className="mt-3 text-sm text-slate-500">Save the identity provider settings below to run a test.</p> : null}
      {report ? (
        <div className="mt-4" aria-live="polite">
          <Report report={report} settings={settings} />
        </div>
      ) : null}
    </section>
  );
}
