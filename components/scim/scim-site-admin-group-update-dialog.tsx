"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useSetSiteAdminGroup } from "@/lib/query/scim";
import type { ScimGroup } from "@/lib/query/scim-groups";

export function ScimSiteAdminGroupUpdateDialog({
  group,
  currentName,
  onClose,
  onUpdated,
}: {
  group: ScimGroup | null;
  /** The group mapped now, if any. */
  currentName: string | null;
  onClose: () => void;
  onUpdated: () => void;
}) {
  const update = useSetSiteAdminGroup();
  const toast = useToast();
  const name = group ? `“${group.name}”` : "the group";
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={group !== null}
      onClose={close}
      title="Update site admin provisioning?"
      consequence={`Active members of ${name} become site admins now, and so does anyone your identity provider adds to it later.`}
      confirmLabel="Update site admin provisioning"
      tone="primary"
      isPending={update.isPending}
      error={update.error ? errorMessage(update.error) : null}
      onConfirm={() => {
        if (!group) return;
        update.mutate(group.id, {
          onSuccess: () => {
            toast({ title: "Site admin provisioning updated", description: `Members of “${group.name}” are site admins.` });
            update.reset();
            onUpdated();
          },
        });
      }}
    >
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>
          Users who became site admins through SCIM and are not in {name} lose the role
          {currentName ? <>, including members of “{currentName}”</> : null}.
        </li>
        <li>Members who leave the group, or are deactivated or deleted in your identity provider, lose the role.</li>
        <li>Site admins granted in Roster by hand keep the role.</li>
      </ul>
    </ConfirmDialog>
  );
}
