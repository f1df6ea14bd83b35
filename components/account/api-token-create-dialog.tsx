"use client";
import { TokenCreateDialog, type TokenCreateDialogText } from "@/components/tokens/token-create-dialog";
import { API_TOKEN_LIFETIME, useCreateAccountToken } from "@/lib/query/account-tokens";

const TEXT: TokenCreateDialogText = {
  title: "Create API token",
  createdTitle: "API token created",
  description: "A script or tool sends this token to call Roster's API as you.",
  purpose: "Scripts can use it to call Roster's API as you.",
  submitLabel: "Create API token",
  descriptionHint: "Name the script or tool that will use it, so you know what stops working if you revoke it.",
  descriptionPlaceholder: "Nightly user export",
  usage: (
    <>
      Send it with each request to <code className="font-mono">/api/v2</code> as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>.
    </>
  ),
};

/** Mount it only while open: unmounting drops the secret from memory. */
export function ApiTokenCreateDialog({ userId, onClose }: { userId: string; onClose: () => void }) {
  const create = useCreateAccountToken(userId);
  return <TokenCreateDialog create={create} lifetime={API_TOKEN_LIFETIME} text={TEXT} onClose={onClose} />;
}
