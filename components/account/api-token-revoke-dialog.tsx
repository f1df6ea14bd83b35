"use client";
import { TokenRevokeDialog } from "@/components/tokens/token-revoke-dialog";
import { useRevokeAccountToken } from "@/lib/query/account-tokens";
import type { ApiToken } from "@/lib/query/tokens";

export function ApiTokenRevokeDialog({ userId, token, onClose }: { userId: string; token: ApiToken | null; onClose: () => void }) {
  const revoke = useRevokeAccountToken(userId);
  return (
    <TokenRevokeDialog
      token={token}
      onClose={onClose}
      revoke={revoke}
      verb="Revoke"
      consequence="Scripts using it stop working at once: their next request is refused as unauthorized. This cannot be undone; to restore their access, create a new token and give it to them."
    />
  );
}
