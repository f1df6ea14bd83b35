"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useSetSiteAdminGroup } from "@/lib/query/scim";

export function ScimSiteAdminGroupClearDialog({
  groupName,
  open,
  onClose,
  onCleared,
}: {
  groupName: string;
  open: boolean;
  onClose: () => void;
  onCleared: () => void;
}) {
  const clear = useSetSiteAdminGroup();
  const toast = useToast();
  const close = () => {
    clear.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title="Clear the site admin IdP group?"
      consequence={`New members of “${groupName}” no longer become site admins. Nobody loses the role now.`}
      confirmLabel="Clear"
      tone="primary"
      isPending={clear.isPending}
      error={clear.error ? errorMessage(clear.error) : null}
      onConfirm={() =>
        clear.mutate(null, {
          onSuccess: () => {
            toast({ title: "Site admin IdP group cleared" });
            clear.reset();
            onCleared();
          },
        })
      }
    >
      <p className="text-sm text-slate-700">
        Users who became site admins through this group keep the role until they are deactivated or deleted in your identity provider, or a site admin
        revokes it on their user page.
      </p>
    </ConfirmDialog>
  );
}
