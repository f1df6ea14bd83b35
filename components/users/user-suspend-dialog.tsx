"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useSetUserSuspended, type User } from "@/lib/query/users";

/** Suspends an active user, or unsuspends a suspended one; the dialog says which and what follows. */
export function UserSuspendDialog({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const mutation = useSetUserSuspended(user.id);
  const toast = useToast();
  const suspend = !user.isSuspended;
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={suspend ? `Suspend ${user.email}?` : `Unsuspend ${user.email}?`}
      consequence={
        suspend
          ? "They are signed out everywhere at once and cannot sign in, with a password or with SSO, until an administrator unsuspends them. Their teams, organizations and API tokens are kept."
          : "They can sign in again at once, with the same teams and organizations as before they were suspended."
      }
      confirmLabel={suspend ? "Suspend user" : "Unsuspend user"}
      tone={suspend ? "danger" : "primary"}
      isPending={mutation.isPending}
      error={mutation.error ? errorMessage(mutation.error) : null}
      onConfirm={() =>
        mutation.mutate(suspend, {
          onSuccess: () => {
            toast({ title: suspend ? `${user.email} suspended` : `${user.email} unsuspended` });
            close();
          },
        })
      }
    />
  );
}
