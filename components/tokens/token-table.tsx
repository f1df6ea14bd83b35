"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/lib/query/api-client";
import { tokenLabel, type ApiToken } from "@/lib/query/tokens";
import { TokenExpiryCell } from "./token-expiry";

/**
 * A token list as a table — description, created, expires (with its badge), last used — with
 * its loading, error and empty states. `verb` names the action on each row.
 */
export function TokenTable({
  tokens,
  caption,
  empty,
  verb,
  onAction,
}: {
  tokens: UseQueryResult<ApiToken[]>;
  /** The table's accessible name, e.g. "SCIM tokens". */
  caption: string;
  empty: ReactNode;
  verb: "Delete" | "Revoke";
  onAction: (token: ApiToken) => void;
}) {
  if (tokens.isPending) return <TableSkeleton rows={2} columns={4} label="Loading tokens…" />;
  if (tokens.isError)
    return <ErrorState title="Tokens could not be loaded" message={errorMessage(tokens.error)} onRetry={() => void tokens.refetch()} isRetrying={tokens.isFetching} />;
  if (tokens.data.length === 0) return empty;
  return (
    <Table caption={caption}>
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
              <Button variant="secondary" size="sm" aria-label={`${verb} token ${tokenLabel(t)}`} onClick={() => onAction(t)}>
                {verb}
              </Button>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
