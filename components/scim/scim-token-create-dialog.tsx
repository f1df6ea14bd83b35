"use client";
import { TokenCreateDialog, type TokenCreateDialogText } from "@/components/tokens/token-create-dialog";
import { SCIM_TOKEN_LIFETIME, useCreateScimToken } from "@/lib/query/scim";

const TEXT: TokenCreateDialogText = {
  title: "Create SCIM token",
  createdTitle: "SCIM token created",
  description: "Your identity provider sends this token with every provisioning request.",
  purpose: "Your identity provider can use it to authenticate to the SCIM API.",
  submitLabel: "Create Token",
  descriptionHint: "Name the identity provider and environment, so you can tell tokens apart when you rotate them.",
  descriptionPlaceholder: "Okta production",
  usage: "Paste it into your identity provider's SCIM settings as the bearer token.",
};

/** Create Token (spec §8.2). Mount it only while open: unmounting drops the secret from memory. */
export function ScimTokenCreateDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateScimToken();
  return <TokenCreateDialog create={create} lifetime={SCIM_TOKEN_LIFETIME} text={TEXT} onClose={onClose} />;
}
