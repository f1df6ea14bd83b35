"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useDeleteUser, type User } from "@/lib/query/users";

export function UserDeleteDialog({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const remove = useDeleteUser(user.id);
  const toast = useToast();
  const router = useRouter();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={`Delete ${user.email}?`}
      consequence="The account is deleted at once: they are signed out, removed from every team and organization, and their API tokens stop working. Audit events about them are kept. This cannot be undone."
      confirmLabel="Delete user"
      isPending={remove.isPending}
      error={remove.error ? errorMessage(remove.error) : null}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            toast({ title: `${user.email} deleted` });
            router.push("/app/admin/users");
          },
        })
      }
    />
  );
}
