"use client";
import type { UseMutationResult } from "@tanstack/react-query";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { tokenLabel, type ApiToken } from "@/lib/query/tokens";

export type RevokeTokenMutation = UseMutationResult<void, Error, string>;

/**
 * Asks before a token is revoked, naming it and what stops working. `verb` is the action's word on
 * that token's page ("Delete" for SCIM tokens, as the seeds say; "Revoke" for API tokens).
 */
export function TokenRevokeDialog({
  token,
  onClose,
  revoke,
  verb,
  consequence,
}: {
  token: ApiToken | null;
  onClose: () => void;
  revoke: RevokeTokenMutation;
  verb: "Delete" | "Revoke";
  consequence: string;
}) {
  const toast = useToast();
  const label = token ? tokenLabel(token) : "";
  return (
    <ConfirmDialog
      open={token !== null}
      onClose={() => {
        revoke.reset();
        onClose();
      }}
      title={`${verb} token “${label}”?`}
      consequence={consequence}
      confirmLabel={`${verb} token`}
      isPending={revoke.isPending}
      error={revoke.error ? errorMessage(revoke.error) : null}
      onConfirm={() => {
        if (!token) return;
        revoke.mutate(token.id, {
          onSuccess: () => {
            toast({ title: `Token “${label}” ${verb.toLowerCase()}d` });
            revoke.reset();
            onClose();
          },
        });
      }}
    />
  );
}
