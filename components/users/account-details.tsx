"use client";
import { Badge } from "@/components/ui/badge";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/lib/query/api-client";
import { useAccount } from "@/lib/query/users";

/** The signed-in user's own account (GET /api/v2/account/details), the one API every user may call. */
export function AccountDetails() {
  const account = useAccount();
  if (account.isPending) {
    return (
      <div role="status" className="space-y-3">
        <span className="sr-only">Loading your account…</span>
        <Skeleton className="h-4 w-64" />
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-4 w-56" />
      </div>
    );
  }
  if (account.isError) {
    return <ErrorState title="Your account could not be loaded" message={errorMessage(account.error)} onRetry={() => void account.refetch()} isRetrying={account.isFetching} />;
  }
  const a = account.data;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-3 text-sm">
      <dt className="text-slate-500">Email</dt>
      <dd className="font-medium text-slate-900">{a.email}</dd>
      <dt className="text-slate-500">Username</dt>
      <dd>{a.username}</dd>
      <dt className="text-slate-500">Status</dt>
      <dd>{a.isSuspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}</dd>
      <dt className="text-slate-500">Role</dt>
      <dd>{a.isSiteAdmin ? "Site administrator" : "User"}</dd>
      {a.isScimManaged !== undefined ? (
        <>
          <dt className="text-slate-500">Managed by</dt>
          <dd>{a.isScimManaged ? "Your identity provider (SCIM)" : "Roster"}</dd>
        </>
      ) : null}
      <dt className="text-slate-500">Member since</dt>
      <dd>
        <RelativeTime date={a.createdAt} />
      </dd>
      <dt className="text-slate-500">User ID</dt>
      <dd>
        <code className="font-mono text-xs break-all">{a.id}</code>
      </dd>
    </dl>
  );
}
