"use client";
import { useId, useState } from "react";
import { SectionHeader } from "@/components/layout/section-header";
import { TokenTable } from "@/components/tokens/token-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { MAX_ACTIVE_TOKENS, summarizeTokens, useScimTokens, type ScimState, type ScimToken } from "@/lib/query/scim";
import { ScimTokenCreateDialog } from "./scim-token-create-dialog";
import { ScimTokenDeleteDialog } from "./scim-token-delete-dialog";

export function ScimTokensSection({ state }: { state: ScimState }) {
  const tokens = useScimTokens();
  const [isCreating, setIsCreating] = useState(false);
  const [deleting, setDeleting] = useState<ScimToken | null>(null);
  const reasonId = useId();

  const summary = tokens.data ? summarizeTokens(tokens.data) : null;
  const createBlockedReason =
    state === "disabled"
      ? "Enable SCIM provisioning to create tokens."
      : summary && !summary.canCreateMore
        ? `You have ${MAX_ACTIVE_TOKENS} active tokens, the most allowed. Delete one to create another.`
        : null;

  const empty =
    state === "disabled" ? (
      <EmptyState
        title="No SCIM tokens"
        description="Enable SCIM provisioning, then create a token and enter it in your identity provider with the SCIM base URL."
      />
    ) : (
      <EmptyState
        title="No SCIM tokens yet"
        description="Your identity provider cannot provision users until it has a token. Use Create Token, then enter the token and the SCIM base URL in your identity provider."
      />
    );

  return (
    <section aria-labelledby="scim-tokens-heading" className="mt-10">
      <SectionHeader
        headingId="scim-tokens-heading"
        title="SCIM Tokens"
        description="Your identity provider authenticates with one of these tokens. Keep two while you rotate: create the new one, switch your identity provider to it, then delete the old one."
      >
        <div className="flex flex-col items-end gap-1">
          <Button onClick={() => setIsCreating(true)} disabled={createBlockedReason !== null} aria-describedby={createBlockedReason ? reasonId : undefined}>
            Create Token
          </Button>
          {createBlockedReason ? (
            <p id={reasonId} className="text-xs text-slate-500">
              {createBlockedReason}
            </p>
          ) : null}
        </div>
      </SectionHeader>
      <TokenTable tokens={tokens} caption="SCIM tokens" empty={empty} verb="Delete" onAction={setDeleting} />
      {isCreating ? <ScimTokenCreateDialog onClose={() => setIsCreating(false)} /> : null}
      <ScimTokenDeleteDialog token={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}
