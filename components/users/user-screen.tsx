"use client";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { AuditEventsTable } from "@/components/audit/audit-events-table";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage, isApiError } from "@/lib/query/api-client";
import { useAuditEvents } from "@/lib/query/audit";
import { useAccount, useUser, type UserDetail } from "@/lib/query/users";
import { SiteAdminCell, UserStatusBadge } from "./user-badges";
import { UserDeleteDialog } from "./user-delete-dialog";
import { UserSiteAdminGrantDialog } from "./user-site-admin-grant-dialog";
import { UserSuspendDialog } from "./user-suspend-dialog";

const USERS_HREF = "/app/admin/users";
const RECENT_EVENTS = 10;

const crumbs = (label?: string) => [{ label: "Site Admin" }, { label: "Users", href: USERS_HREF }, { label: label ?? "User" }];

/** Site Admin › Users › one user: who they are, where they belong, what happened to them. */
export function UserScreen({ userId }: { userId: string }) {
  const query = useUser(userId);

  if (query.isError && isApiError(query.error) && query.error.status === 404) {
    return (
      <>
        <PageHeader title="User not found" breadcrumbs={crumbs()} />
        <EmptyState
          title="This user does not exist"
          description="They may have been deleted by an administrator or by your identity provider through SCIM. Find the user in the list."
          action={
            <Link href={USERS_HREF} className={buttonClasses({ variant: "secondary" })}>
              Back to users
            </Link>
          }
        />
      </>
    );
  }

  if (query.isPending) {
    return (
      <>
        <PageHeader title={<Skeleton className="h-7 w-64" />} breadcrumbs={crumbs()} />
        <div role="status" className="space-y-3">
          <span className="sr-only">Loading user…</span>
          <Skeleton className="h-4 w-80" />
          <Skeleton className="h-4 w-64" />
          <Skeleton className="h-4 w-72" />
        </div>
      </>
    );
  }

  if (query.isError) {
    return (
      <>
        <PageHeader title="User" breadcrumbs={crumbs()} />
        <ErrorState title="This user could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
      </>
    );
  }

  return <UserDetails user={query.data} />;
}

function Section({ id, title, description, actions, children }: { id: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10 first:mt-0">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={id} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

function Term({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </>
  );
}

function UserDetails({ user }: { user: UserDetail }) {
  const account = useAccount();
  const [dialog, setDialog] = useState<"suspend" | "delete" | "site-admin" | null>(null);
  const reasonId = useId();
  const roleReasonId = useId();
  const isSelf = account.data?.id === user.id;
  const blockedReason = user.isScimManaged ? "Managed by your identity provider" : isSelf ? "You cannot suspend or delete your own account" : null;
  // A grant the mapped IdP group backs follows the group; a leftover one (mapping cleared, group
  // deleted, SCIM disabled) is the admin's to revoke, like a manual one.
  const roleBlockedReason = user.siteAdminSource === "scim" && user.inSiteAdminGroup ? "Granted by the Site Admin IdP Group" : null;

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs(user.email)}
        title={user.email}
        badge={
          <>
            <UserStatusBadge user={user} />
            {user.isScimManaged ? <Badge tone="info">SCIM-managed</Badge> : null}
          </>
        }
        description={
          user.isScimManaged
            ? "Provisioned by your identity provider through SCIM: change this user there."
            : "A Roster account managed here."
        }
        actions={
          <div className="flex flex-col items-end gap-1">
            <div className="flex gap-2">
              {user.isSiteAdmin ? (
                <Button
                  variant="secondary"
                  onClick={() => setDialog("site-admin")}
                  disabled={roleBlockedReason !== null}
                  aria-describedby={roleBlockedReason ? roleReasonId : undefined}
                >
                  Revoke site admin
                </Button>
              ) : (
                <Button variant="secondary" onClick={() => setDialog("site-admin")}>
                  Grant site admin
                </Button>
              )}
              <Button variant="secondary" onClick={() => setDialog("suspend")} disabled={blockedReason !== null} aria-describedby={blockedReason ? reasonId : undefined}>
                {user.isSuspended ? "Unsuspend" : "Suspend"}
              </Button>
              <Button variant="danger" onClick={() => setDialog("delete")} disabled={blockedReason !== null} aria-describedby={blockedReason ? reasonId : undefined}>
                Delete user
              </Button>
            </div>
            {roleBlockedReason ? (
              <p id={roleReasonId} className="text-xs text-slate-500">
                {roleBlockedReason}
              </p>
            ) : null}
            {blockedReason ? (
              <p id={reasonId} className="text-xs text-slate-500">
                {blockedReason}
              </p>
            ) : null}
          </div>
        }
      />

      {user.isSuspended && user.isScimManaged ? (
        <Alert tone="warning" className="mb-6">
          Suspended by your identity provider or before it took this user over. Reactivate the user in your identity provider to let them sign in again.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="user-account-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="user-account-heading" className="mb-3 text-base font-semibold text-slate-900">
            Account
          </h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2.5 text-sm">
            <Term term="Email">{user.email}</Term>
            <Term term="Username">{user.username}</Term>
            <Term term="Status">
              <UserStatusBadge user={user} />
            </Term>
            <Term term="Site admin">
              <SiteAdminCell user={user} />
            </Term>
            <Term term="Sign-in">{user.hasPassword ? "Password (and SSO when it is enabled)" : "SSO only"}</Term>
            <Term term="Created">
              <RelativeTime date={user.createdAt} />
            </Term>
            <Term term="User ID">
              <code className="font-mono text-xs break-all">{user.id}</code>
            </Term>
          </dl>
        </section>
        <section aria-labelledby="user-scim-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="user-scim-heading" className="mb-3 text-base font-semibold text-slate-900">
            SCIM
          </h2>
          {user.isScimManaged === undefined ? (
            <p className="text-sm text-slate-600">SCIM provisioning is disabled, so no identity provider manages this user.</p>
          ) : (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2.5 text-sm">
              <Term term="Managed by">{user.isScimManaged ? "Your identity provider (SCIM)" : "Roster"}</Term>
              {user.isScimManaged ? (
                <>
                  <Term term="SCIM user name">{user.scimUsername ?? "—"}</Term>
                  <Term term="Last SCIM update">
                    <RelativeTime date={user.scimUpdatedAt} />
                  </Term>
                </>
              ) : null}
            </dl>
          )}
        </section>
      </div>

      <Memberships user={user} />
      <RecentEvents user={user} />

      <UserSuspendDialog user={user} open={dialog === "suspend"} onClose={() => setDialog(null)} />
      <UserDeleteDialog user={user} open={dialog === "delete"} onClose={() => setDialog(null)} />
      <UserSiteAdminGrantDialog user={user} isSelf={isSelf} open={dialog === "site-admin"} onClose={() => setDialog(null)} />
    </>
  );
}

function Memberships({ user }: { user: UserDetail }) {
  return (
    <Section
      id="user-memberships-heading"
      title="Organizations and teams"
      description={
        user.organizations.length === 0
          ? undefined
          : `A member of ${user.organizations.length === 1 ? "1 organization" : `${user.organizations.length} organizations`} and ${user.teams.length === 1 ? "1 team" : `${user.teams.length} teams`}.`
      }
    >
      {user.organizations.length === 0 ? (
        <EmptyState title="Not in any organization" description="Add the user to a team from the team's settings; that makes them a member of its organization too." />
      ) : (
        <>
          <ul aria-label="Organizations" className="mb-4 flex flex-wrap gap-2">
            {user.organizations.map((org) => (
              <li key={org}>
                <Link
                  href={`/app/${encodeURIComponent(org)}/settings/teams`}
                  className="inline-flex items-center rounded-full border border-slate-200 bg-white px-3 py-1 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
                >
                  {org}
                </Link>
              </li>
            ))}
          </ul>
          {user.teams.length === 0 ? (
            <p className="text-sm text-slate-600">Not in any team.</p>
          ) : (
            <Table caption={`Teams of ${user.email}`}>
              <THead>
                <TR>
                  <TH>Team</TH>
                  <TH>Organization</TH>
                </TR>
              </THead>
              <TBody>
                {user.teams.map((t) => (
                  <TR key={t.id}>
                    <TD className="font-medium">
                      <Link href={`/app/${encodeURIComponent(t.organization)}/settings/teams/${encodeURIComponent(t.id)}`} className="text-brand-700 hover:underline">
                        {t.name}
                      </Link>
                    </TD>
                    <TD>{t.organization}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </>
      )}
    </Section>
  );
}

function RecentEvents({ user }: { user: UserDetail }) {
  const events = useAuditEvents({ page: 1, size: RECENT_EVENTS, user: user.id });
  const allHref = `/app/admin/audit?user=${encodeURIComponent(user.id)}`;
  let body;
  if (events.isPending) body = <TableSkeleton rows={3} columns={5} label="Loading recent events…" />;
  else if (events.isError)
    body = <ErrorState title="Recent events could not be loaded" message={errorMessage(events.error)} onRetry={() => void events.refetch()} isRetrying={events.isFetching} />;
  else if (events.data.items.length === 0)
    body = <EmptyState title="No events yet" description="Changes to this user, and changes they make, are recorded here." />;
  else body = <AuditEventsTable events={events.data.items} caption={`Recent events about or by ${user.email}`} />;
  const total = events.data?.pagination.totalCount ?? 0;
  return (
    <Section
      id="user-events-heading"
      title="Recent activity"
      description="Audit events about this user or by them, newest first."
      actions={
        total > 0 ? (
          <Link href={allHref} className={buttonClasses({ variant: "secondary", size: "sm" })}>
            {total > RECENT_EVENTS ? `View all ${total.toLocaleString()} events` : "Open in the audit log"}
          </Link>
        ) : null
      }
    >
      {body}
    </Section>
  );
}
