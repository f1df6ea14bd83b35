"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useSetTeamScimSyncPaused } from "@/lib/query/scim-groups";
import type { Team } from "@/lib/query/teams";

export function TeamScimSyncResumeDialog({ team, groupName, open, onClose }: { team: Team; groupName: string; open: boolean; onClose: () => void }) {
  const resume = useSetTeamScimSyncPaused(team);
  const toast = useToast();
  const close = () => {
    resume.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={`Resume sync for ${team.name}?`}
      consequence={`Roster reconciles ${team.name} with “${groupName}” now: members who are not active in the group are removed, and active members of the group who are missing are added.`}
      confirmLabel="Resume Sync"
      tone="primary"
      isPending={resume.isPending}
      error={resume.error ? errorMessage(resume.error) : null}
      onConfirm={() =>
        resume.mutate(false, {
          onSuccess: () => {
            toast({ title: `Sync resumed for ${team.name}`, description: `Its members match “${groupName}” again.` });
            close();
          },
        })
      }
    >
      <p className="text-sm text-slate-700">After that, changes to the group in your identity provider reach this team as they happen.</p>
    </ConfirmDialog>
  );
}
