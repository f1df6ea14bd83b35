"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useUnlinkTeamFromScimGroup } from "@/lib/query/scim-groups";
import type { Team } from "@/lib/query/teams";

export function TeamScimGroupUnlinkDialog({ team, groupName, open, onClose }: { team: Team; groupName: string; open: boolean; onClose: () => void }) {
  const unlink = useUnlinkTeamFromScimGroup(team);
  const toast = useToast();
  const close = () => {
    unlink.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={`Unlink ${team.name} from “${groupName}”?`}
      consequence={`The team's ${team.memberIds.length === 1 ? "member stays" : `${team.memberIds.length} members stay`}, and membership becomes manually managed: changes to “${groupName}” in your identity provider no longer reach this team.`}
      confirmLabel="Unlink"
      isPending={unlink.isPending}
      error={unlink.error ? errorMessage(unlink.error) : null}
      onConfirm={() =>
        unlink.mutate(undefined, {
          onSuccess: () => {
            toast({ title: `${team.name} unlinked from “${groupName}”`, description: "You can add and remove its members here now." });
            close();
          },
        })
      }
    />
  );
}
