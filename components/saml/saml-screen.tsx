"use client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/query/api-client";
import { useSamlSettings } from "@/lib/query/saml";
import { useScimSettings } from "@/lib/query/scim";
import type { SsoTestReport } from "@/lib/saml/sso-tokens";
import { SamlSettingsForm } from "./saml-settings-form";
import { SamlSpDetails } from "./saml-sp-details";
import { SamlTestSignIn } from "./saml-test-sign-in";

const BREADCRUMBS = [{ label: "Site Admin" }, { label: "SAML" }];

export function SamlScreen({ testReport = null }: { testReport?: SsoTestReport | null }) {
  const query = useSamlSettings();
  const scim = useScimSettings();

  const header = (
    <PageHeader
      breadcrumbs={BREADCRUMBS}
      title="SAML single sign-on"
      badge={query.data ? <Badge tone={query.data.enabled ? "success" : "neutral"}>{query.data.enabled ? "Enabled" : "Disabled"}</Badge> : null}
      description={
        <>
          The identity provider that signs users in. SCIM provisioning needs these settings enabled. Local accounts with a password can always
          sign in without SSO.
        </>
      }
    />
  );

  if (query.isPending) {
    return (
      <>
        {header}
        <div role="status" aria-live="polite" className="space-y-4 rounded-lg border border-slate-200 bg-white px-5 py-5 shadow-sm">
          <span className="sr-only">Loading SAML settings…</span>
          {[0, 1, 2].map((i) => (
            <div key={i} className="space-y-2">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-9 w-full" />
            </div>
          ))}
          <Skeleton className="h-32 w-full" />
        </div>
      </>
    );
  }

  if (query.isError) {
    return (
      <>
        {header}
        <ErrorState title="SAML settings could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
      </>
    );
  }

  return (
    <>
      {header}
      <SamlSpDetails settings={query.data} />
      <SamlTestSignIn settings={query.data} report={testReport} />
      <SamlSettingsForm settings={query.data} isScimOn={scim.data !== undefined && scim.data.state !== "disabled"} />
    </>
  );
}
