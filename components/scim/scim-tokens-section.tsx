"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/lib/query/api-client";
import { MAX_ACTIVE_TOKENS, summarizeTokens, tokenLabel, useScimTokens, type ScimState, type ScimToken } from "@/lib/query/scim";
import { ScimTokenCreateDialog } from "./scim-token-create-dialog";
import { ScimTokenDeleteDialog } from "./scim-token-delete-dialog";
import { TokenExpiryCell } from "./scim-token-expiry";

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

  let body;
  if (tokens.isPending) body = <TableSkeleton rows={2} columns={4} label="Loading tokens…" />;
  else if (tokens.isError)
    body = <ErrorState title="Tokens could not be loaded" message={errorMessage(tokens.error)} onRetry={() => void tokens.refetch()} isRetrying={tokens.isFetching} />;
  else if (tokens.data.length === 0)
    body =
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
  else
    body = (
      <Table caption="SCIM tokens">
        <THead>
          <TR>
            <TH>Description</TH>
            <TH>Created</TH>
            <TH>Expires</TH>
            <TH>Last used</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {tokens.data.map((t) => (
            <TR key={t.id}>
              <TD className="font-medium text-slate-900">
                {t.description ?? <span className="font-normal text-slate-500 italic">No description</span>}
                <span className="block font-mono text-xs font-normal text-slate-400">{t.id}</span>
              </TD>
              <TD className="whitespace-nowrap">
                <RelativeTime date={t.createdAt} />
              </TD>
              <TD>
                <TokenExpiryCell expiredAt={t.expiredAt} expiry={t.expiry} />
              </TD>
              <TD className="whitespace-nowrap">
                <RelativeTime date={t.lastUsedAt} fallback="Never" />
              </TD>
              <TD className="text-right">
                <Button variant="secondary" size="sm" aria-label={`Delete token ${tokenLabel(t)}`} onClick={() => setDeleting(t)}>
                  Delete
                </Button>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    );

  return (
    <section aria-labelledby="scim-tokens-heading" className="mt-10">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h2 id="scim-tokens-heading" className="text-lg font-semibold text-slate-900">
            SCIM Tokens
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            Your identity provider authenticates with one of these tokens. Keep two while you rotate: create the new one, switch your identity provider to
            it, then delete the old one.
          </p>
        </div>
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
      </div>
      {body}
      {isCreating ? <ScimTokenCreateDialog onClose={() => setIsCreating(false)} /> : null}
      <ScimTokenDeleteDialog token={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}
