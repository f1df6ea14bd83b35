"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useRemoveTeamMembers, type Team } from "@/lib/query/teams";

export interface MemberToRemove {
  id: string;
  label: string;
}

export function TeamMemberRemoveDialog({ team, member, onClose }: { team: Team; member: MemberToRemove | null; onClose: () => void }) {
  const remove = useRemoveTeamMembers(team);
  const toast = useToast();
  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={member !== null}
      onClose={close}
      title={`Remove ${member?.label ?? "member"} from ${team.name}?`}
      consequence={
        team.isOwners
          ? `${member?.label ?? "This user"} will no longer be an owner of ${team.organization}. They stay a member of the organization.`
          : `${member?.label ?? "This user"} loses the access the ${team.name} team grants in ${team.organization}. They stay a member of the organization.`
      }
      confirmLabel="Remove member"
      isPending={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : null}
      onConfirm={() => {
        if (!member) return;
        remove.mutate([member.id], {
          onSuccess: () => {
            toast({ title: `${member.label} removed from ${team.name}` });
            close();
          },
        });
      }}
    />
  );
}
