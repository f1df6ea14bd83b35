"use client";
import { PageHeader } from "@/components/layout/page-header";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/query/api-client";
import { useSamlSettings } from "@/lib/query/saml";
import { useScimSettings, useScimTokens } from "@/lib/query/scim";
import { ScimGroupsSection } from "./scim-groups-section";
import { ScimSiteAdminGroupSection } from "./scim-site-admin-group-section";
import { ScimStatusCard } from "./scim-status-card";
import { ScimTokenAlert } from "./scim-token-alert";
import { ScimTokensSection } from "./scim-tokens-section";

const BREADCRUMBS = [{ label: "Site Admin" }, { label: "SCIM" }];

/** Site Admin › SCIM, in the order of spec §14: status, SCIM Tokens, Site Admin IdP Group, SCIM groups. */
export function ScimScreen() {
  const settings = useScimSettings();
  const tokens = useScimTokens();
  const saml = useSamlSettings();

  const header = (
    <PageHeader
      breadcrumbs={BREADCRUMBS}
      title="SCIM provisioning"
      description="Let your identity provider create, update and deactivate Roster users and groups, and keep linked teams in step with its groups."
    />
  );

  if (settings.isPending) {
    return (
      <>
        {header}
        <div role="status" aria-live="polite" className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
          <span className="sr-only">Loading SCIM settings…</span>
          <Skeleton className="h-5 w-40" />
          <Skeleton className="mt-3 h-4 w-full max-w-xl" />
          <Skeleton className="mt-6 h-9 w-full max-w-2xl" />
        </div>
      </>
    );
  }

  if (settings.isError) {
    return (
      <>
        {header}
        <ErrorState
          title="SCIM settings could not be loaded"
          message={errorMessage(settings.error)}
          onRetry={() => void settings.refetch()}
          isRetrying={settings.isFetching}
        />
      </>
    );
  }

  return (
    <>
      {header}
      {tokens.data ? <ScimTokenAlert tokens={tokens.data} /> : null}
      {/* An unknown SAML state (still loading) keeps Enable off; a failed look-up leaves the check to the server. */}
      <ScimStatusCard settings={settings.data} isSamlEnabled={saml.isError ? true : saml.data?.enabled} />
      <ScimTokensSection state={settings.data.state} />
      <ScimSiteAdminGroupSection settings={settings.data} />
      <ScimGroupsSection state={settings.data.state} />
    </>
  );
}
