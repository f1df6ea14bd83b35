"use client";
import { TokenRevokeDialog } from "@/components/tokens/token-revoke-dialog";
import { useDeleteScimToken, type ScimToken } from "@/lib/query/scim";

export function ScimTokenDeleteDialog({ token, onClose }: { token: ScimToken | null; onClose: () => void }) {
  const remove = useDeleteScimToken();
  return (
    <TokenRevokeDialog
      token={token}
      onClose={onClose}
      revoke={remove}
      verb="Delete"
      consequence="The token is revoked at once: SCIM requests that use it fail immediately, until your identity provider uses another valid token. This cannot be undone."
    />
  );
}
