"use client";
import { useState } from "react";
import { SectionHeader } from "@/components/layout/section-header";
import { TokenTable } from "@/components/tokens/token-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useAccountTokens } from "@/lib/query/account-tokens";
import type { ApiToken } from "@/lib/query/tokens";
import { ApiTokenCreateDialog } from "./api-token-create-dialog";
import { ApiTokenRevokeDialog } from "./api-token-revoke-dialog";

const code = "rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8125rem] text-slate-800";

/** The signed-in user's API tokens: list, create (the secret shown once), revoke. */
export function ApiTokensSection({ userId, isSiteAdmin }: { userId: string; isSiteAdmin: boolean }) {
  const tokens = useAccountTokens(userId);
  const [isCreating, setIsCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const empty = (
    <EmptyState
      title="No API tokens yet"
      description={
        <>
          <p>
            An API token lets a script call Roster&apos;s JSON:API admin API at <code className={code}>/api/v2</code> as you. The script sends it with each
            request:
          </p>
          <p className="mt-2">
            <code className={code}>Authorization: Bearer &lt;token&gt;</code>
          </p>
          <p className="mt-2">
            {isSiteAdmin
              ? "Only site administrators' tokens can call the admin endpoints: yours stop working there if you lose the role."
              : "Only site administrators' tokens can call the admin endpoints. Yours can read your account details and manage your own tokens."}
          </p>
        </>
      }
      action={<Button onClick={() => setIsCreating(true)}>Create API token</Button>}
    />
  );

  const hasTokens = (tokens.data?.length ?? 0) > 0;

  return (
    <section id="api-tokens" aria-labelledby="api-tokens-heading" className="mt-10 scroll-mt-20">
      <SectionHeader
        headingId="api-tokens-heading"
        title="API tokens"
        description="Scripts and tools call Roster's API as you with one of these tokens. Give each script its own, so you can revoke one without breaking the others."
      >
        {/* The empty state carries the button itself. */}
        {hasTokens ? <Button onClick={() => setIsCreating(true)}>Create API token</Button> : null}
      </SectionHeader>
      <TokenTable tokens={tokens} caption="API tokens" empty={empty} verb="Revoke" onAction={setRevoking} />
      {isCreating ? <ApiTokenCreateDialog userId={userId} onClose={() => setIsCreating(false)} /> : null}
      <ApiTokenRevokeDialog userId={userId} token={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}
