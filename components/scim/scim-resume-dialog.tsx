"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useResumeScim } from "@/lib/query/scim";

export function ScimResumeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const resume = useResumeScim();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={open}
      onClose={() => {
        resume.reset();
        onClose();
      }}
      title="Resume SCIM provisioning?"
      consequence="Roster processes provisioning requests from your identity provider again."
      confirmLabel="Resume SCIM provisioning"
      tone="primary"
      isPending={resume.isPending}
      error={resume.error ? errorMessage(resume.error) : null}
      onConfirm={() =>
        resume.mutate(undefined, {
          onSuccess: () => {
            toast({ title: "SCIM provisioning resumed" });
            resume.reset();
            onClose();
          },
        })
      }
    >
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>
          Requests to <code className="text-xs">/scim/v2/Users</code> and <code className="text-xs">/scim/v2/Groups</code> are processed from now on.
          Requests rejected while paused are not replayed; your identity provider sends them again on its next sync.
        </li>
        <li>Linked teams receive updates again. Team links that were paused individually stay paused until you resume them.</li>
      </ul>
    </ConfirmDialog>
  );
}
