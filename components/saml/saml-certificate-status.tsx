import { Alert } from "@/components/ui/alert";
import { RelativeTime } from "@/components/ui/time";
import type { SamlSettings } from "@/lib/query/saml";

/** Subject and expiry of the saved signing certificate, with a warning when it is expired or close. */
export function SamlCertificateStatus({ settings }: { settings: SamlSettings }) {
  const { certificateSubject, certificateExpiresAt, certificateExpiry } = settings;
  if (!certificateSubject && !certificateExpiresAt) return null;
  return (
    <div className="space-y-3">
      <dl aria-label="Saved signing certificate" className="grid gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">Subject</dt>
        <dd className="font-mono text-[0.8125rem] break-all text-slate-800">{certificateSubject ?? "—"}</dd>
        <dt className="text-slate-500">Expires</dt>
        <dd className="text-slate-800">
          <RelativeTime date={certificateExpiresAt} />
        </dd>
      </dl>
      {certificateExpiry?.status === "expired" ? (
        <Alert tone="danger" title="The signing certificate has expired">
          Sign-in with SSO fails while Roster checks assertions against an expired certificate. Paste the identity provider&apos;s current certificate and
          save.
        </Alert>
      ) : certificateExpiry?.status === "expiring" ? (
        <Alert tone="warning" title={certificateExpiry.days === 1 ? "The signing certificate expires in 1 day" : `The signing certificate expires in ${certificateExpiry.days} days`}>
          Paste the identity provider&apos;s new certificate here before it expires, or sign-in with SSO stops working.
        </Alert>
      ) : null}
    </div>
  );
}
