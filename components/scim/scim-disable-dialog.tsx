"use client";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useDisableScim } from "@/lib/query/scim";

const DELETED = ["All SCIM groups", "All SCIM group memberships", "All links between teams and SCIM groups", "All SCIM identities", "All SCIM tokens (revoked)"];
const KEPT = ["Existing users, including suspended ones", "Teams and their current members", "Organization memberships", "Existing site admin grants"];

export function ScimDisableDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const disable = useDisableScim();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={open}
      onClose={() => {
        disable.reset();
        onClose();
      }}
      title="Disable SCIM provisioning?"
      consequence="This removes the SCIM configuration from Roster and cannot be undone. Users can still sign in with SAML."
      confirmLabel="Disable SCIM provisioning"
      isPending={disable.isPending}
      error={disable.error ? errorMessage(disable.error) : null}
      onConfirm={() =>
        disable.mutate(undefined, {
          onSuccess: () => {
            toast({ title: "SCIM provisioning disabled", description: "Remove or disable the SCIM connection in your identity provider." });
            disable.reset();
            onClose();
          },
        })
      }
    >
      <div className="grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <h3 className="font-medium text-slate-900">Deleted</h3>
          <ul aria-label="Deleted" className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
            {DELETED.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="font-medium text-slate-900">Kept</h3>
          <ul aria-label="Kept" className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
            {KEPT.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      </div>
      <Alert tone="warning">
        If you enable SCIM again later, you must create new tokens and reconnect your identity provider. Remove or disable the SCIM connection in your
        identity provider now.
      </Alert>
    </ConfirmDialog>
  );
}
