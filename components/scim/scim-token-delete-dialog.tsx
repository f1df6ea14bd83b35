"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { tokenLabel, useDeleteScimToken, type ScimToken } from "@/lib/query/scim";

export function ScimTokenDeleteDialog({ token, onClose }: { token: ScimToken | null; onClose: () => void }) {
  const remove = useDeleteScimToken();
  const toast = useToast();
  const label = token ? tokenLabel(token) : "";
  return (
    <ConfirmDialog
      open={token !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title={`Delete token “${label}”?`}
      consequence="The token is revoked at once: SCIM requests that use it fail immediately, until your identity provider uses another valid token. This cannot be undone."
      confirmLabel="Delete token"
      isPending={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : null}
      onConfirm={() => {
        if (!token) return;
        remove.mutate(token.id, {
          onSuccess: () => {
            toast({ title: `Token “${label}” deleted` });
            remove.reset();
            onClose();
          },
        });
      }}
    />
  );
}
