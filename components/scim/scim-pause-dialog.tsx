"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { usePauseScim } from "@/lib/query/scim";

export function ScimPauseDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const pause = usePauseScim();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={open}
      onClose={() => {
        pause.reset();
        onClose();
      }}
      title="Pause SCIM provisioning?"
      consequence="Roster stops processing provisioning requests from your identity provider until you resume."
      confirmLabel="Pause SCIM provisioning"
      tone="primary"
      isPending={pause.isPending}
      error={pause.error ? errorMessage(pause.error) : null}
      onConfirm={() =>
        pause.mutate(undefined, {
          onSuccess: () => {
            toast({ title: "SCIM provisioning paused" });
            pause.reset();
            onClose();
          },
        })
      }
    >
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>
          Requests to <code className="text-xs">/scim/v2/Users</code> and <code className="text-xs">/scim/v2/Groups</code> are rejected with 403 Forbidden,
          and nothing is written.
        </li>
        <li>Existing SCIM users, groups, team links and tokens stay in place.</li>
        <li>Linked teams stop receiving updates. Users can still sign in with SAML.</li>
      </ul>
    </ConfirmDialog>
  );
}
