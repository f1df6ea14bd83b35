"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useDeleteTeam, type Team } from "@/lib/query/teams";

export function TeamDeleteDialog({ team, open, onClose }: { team: Team; open: boolean; onClose: () => void }) {
  const remove = useDeleteTeam(team);
  const toast = useToast();
  const router = useRouter();
  const members = team.memberIds.length;

  return (
    <ConfirmDialog
      open={open}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title={`Delete team ${team.name}?`}
      consequence={
        <>
          {members === 0
            ? "The team has no members."
            : `Its ${members === 1 ? "member loses" : `${members} members lose`} the access this team grants in ${team.organization}; their accounts and organization membership are kept.`}{" "}
          This cannot be undone.
        </>
      }
      confirmLabel="Delete team"
      isPending={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : null}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            toast({ title: `Team ${team.name} deleted` });
            router.push(`/app/${encodeURIComponent(team.organization)}/settings/teams`);
          },
        })
      }
    />
  );
}
