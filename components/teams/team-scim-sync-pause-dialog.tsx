"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useSetTeamScimSyncPaused } from "@/lib/query/scim-groups";
import type { Team } from "@/lib/query/teams";

export function TeamScimSyncPauseDialog({ team, groupName, open, onClose }: { team: Team; groupName: string; open: boolean; onClose: () => void }) {
  const pause = useSetTeamScimSyncPaused(team);
  const toast = useToast();
  const close = () => {
    pause.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={`Pause sync for ${team.name}?`}
      consequence={`Membership of ${team.name} is frozen as it is now: changes to “${groupName}” in your identity provider no longer reach this team until you resume.`}
      confirmLabel="Pause Sync"
      tone="primary"
      isPending={pause.isPending}
      error={pause.error ? errorMessage(pause.error) : null}
      onConfirm={() =>
        pause.mutate(true, {
          onSuccess: () => {
            toast({ title: `Sync paused for ${team.name}` });
            close();
          },
        })
      }
    >
      <p className="text-sm text-slate-700">The team stays linked to the group, so members still cannot be added or removed here.</p>
    </ConfirmDialog>
  );
}
