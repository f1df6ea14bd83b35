"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useSetSiteAdmin, type User, type UserDetail } from "@/lib/query/users";

/** Able to sign in without SSO: counted among the recovery admins while they hold the role. */
const canSignInWithoutSso = (user: User) => !user.isSuspended && user.hasPassword && !user.isScimManaged;

function grantConsequence(user: User) {
  const base =
    "They can open Site Admin at once: SCIM, SAML, tokens and every user, including granting this role to others. The grant is manual: it stays until an administrator revokes it, whatever your identity provider does.";
  return canSignInWithoutSso(user) ? `${base} They have a password, so they also become a site admin able to sign in without SSO.` : base;
}

/** Revoking keeps the SCIM grant only while the mapped Site Admin IdP Group backs it. */
const keepsGroupGrant = (user: UserDetail) => user.siteAdminSource === "both" && user.inSiteAdminGroup;

function revokeConsequence(user: UserDetail, isSelf: boolean) {
  if (keepsGroupGrant(user)) {
    return "Only the manual grant is removed. They stay a site admin through the Site Admin IdP Group for as long as your identity provider keeps them in that group.";
  }
  if (user.siteAdminSource === "scim" && user.inSiteAdminGroup) {
    return "Their role comes from the Site Admin IdP Group, not from a manual grant: remove them from that group in your identity provider instead.";
  }
  const who = isSelf ? "You lose access to Site Admin at once, including this page." : "They lose access to Site Admin at once.";
  const leftover =
    user.siteAdminSource === "scim"
      ? " Their role came through SCIM from a Site Admin IdP Group that no longer backs it."
      : user.siteAdminSource === "both"
        ? " Both grants are removed: the manual one and the one from a Site Admin IdP Group that no longer backs it."
        : "";
  const recovery = canSignInWithoutSso(user) ? " One fewer site admin will be able to sign in without SSO." : "";
  return `${who}${leftover}${recovery} Their account, teams and organizations are kept.`;
}

/**
 * Grants the manual site-admin role to a user who is not a site admin, or revokes it from one who
 * is. The dialog keeps the user as they were when it opened: the user refetched after the change
 * (or after a refusal) must not turn "Grant" into "Revoke" under the admin's eyes.
 */
export function UserSiteAdminGrantDialog({ user: current, isSelf, open, onClose }: { user: UserDetail; isSelf: boolean; open: boolean; onClose: () => void }) {
  const [user, setUser] = useState(current);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setUser(current);
  }
  const grant = !user.isSiteAdmin;
  const mutation = useSetSiteAdmin(user.id);
  const toast = useToast();
  const router = useRouter();
  const close = () => {
    mutation.reset();
    onClose();
  };
  const isBoth = keepsGroupGrant(user);
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={grant ? `Grant site admin to ${user.email}?` : isBoth ? `Remove the manual site admin grant of ${user.email}?` : `Revoke site admin from ${user.email}?`}
      consequence={grant ? grantConsequence(user) : revokeConsequence(user, isSelf)}
      confirmLabel={grant ? "Grant site admin" : isBoth ? "Remove manual grant" : "Revoke site admin"}
      tone={grant || isBoth ? "primary" : "danger"}
      isPending={mutation.isPending}
      error={mutation.error ? errorMessage(mutation.error) : null}
      onConfirm={() =>
        mutation.mutate(grant, {
          onSuccess: (updated) => {
            if (grant) toast({ title: `${user.email} is now a site admin` });
            else if (updated.isSiteAdmin) toast({ title: `Manual grant removed from ${user.email}`, description: "They stay a site admin through the Site Admin IdP Group." });
            else toast({ title: `Site admin revoked from ${user.email}` });
            close();
            // Without the role, Site Admin answers "not found" to them.
            if (isSelf && !grant && !updated.isSiteAdmin) router.push("/app");
          },
        })
      }
    />
  );
}
