"use client";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { errorMessage, isApiError } from "@/lib/query/api-client";
import { useTeam, type Team } from "@/lib/query/teams";
import { useUsersByIds } from "@/lib/query/users";
import { TeamBadges } from "./team-badges";
import { TeamDeleteDialog } from "./team-delete-dialog";
import { TeamMemberAddDialog } from "./team-member-add-dialog";
import { TeamMemberRemoveDialog, type MemberToRemove } from "./team-member-remove-dialog";
import { TeamRenameDialog } from "./team-rename-dialog";
import { TeamScimGroupSection } from "./team-scim-group-section";
import { TeamScimSyncSection } from "./team-scim-sync-section";

export function TeamScreen({ organization, teamId }: { organization: string; teamId: string }) {
  const query = useTeam(teamId);
  const teamsHref = `/app/${encodeURIComponent(organization)}/settings/teams`;
  const crumbs = (name?: string) => [
    { label: "Organizations", href: "/app/organizations" },
    { label: organization, href: teamsHref },
    { label: "Teams", href: teamsHref },
    { label: name ?? "Team" },
  ];

  const team = query.data;
  // A team id from another organization is not part of this organization's pages.
  const isMissing =
    (query.isError && isApiError(query.error) && query.error.status === 404) ||
    (team !== undefined && team.organization.toLowerCase() !== organization.toLowerCase());

  if (isMissing) {
    return (
      <>
        <PageHeader title="Team not found" breadcrumbs={crumbs()} />
        <EmptyState
          title="This team does not exist"
          description={`It may have been deleted, or it belongs to another organization. Pick a team from the list of ${organization}.`}
          action={
            <Link href={teamsHref} className={buttonClasses({ variant: "secondary" })}>
              Back to teams
            </Link>
          }
        />
      </>
    );
  }

  if (query.isPending) {
    return (
      <>
        <PageHeader title={<Skeleton className="h-7 w-48" />} breadcrumbs={crumbs()} />
        <TableSkeleton columns={3} label="Loading team…" />
      </>
    );
  }

  if (query.isError) {
    return (
      <>
        <PageHeader title="Team" breadcrumbs={crumbs()} />
        <ErrorState title="This team could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
      </>
    );
  }

  return <TeamDetails team={query.data} breadcrumbs={crumbs(query.data.name)} />;
}

function TeamDetails({ team, breadcrumbs }: { team: Team; breadcrumbs: { label: string; href?: string }[] }) {
  const [dialog, setDialog] = useState<"add" | "rename" | "delete" | null>(null);
  const [removing, setRemoving] = useState<MemberToRemove | null>(null);
  const users = useUsersByIds(team.memberIds);
  const isLinked = team.scim?.isLinked ?? false;
  const canEditMembers = !isLinked;
  const canRenameOrDelete = !team.isOwners && !isLinked;

  const description = team.isOwners
    ? `Owners manage ${team.organization}. The owners team always keeps at least one member.`
    : `A team of ${team.organization}.`;

  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title={team.name}
        badge={<TeamBadges team={team} />}
        description={description}
        actions={
          canRenameOrDelete ? (
            <>
              <Button variant="secondary" onClick={() => setDialog("rename")}>
                Rename
              </Button>
              <Button variant="danger" onClick={() => setDialog("delete")}>
                Delete team
              </Button>
            </>
          ) : null
        }
      />

      {team.isOwners ? (
        <Alert tone="info" className="mb-6">
          The owners team cannot be renamed or deleted: every organization keeps exactly one.
        </Alert>
      ) : null}

      {/* The SCIM attributes are present only while SCIM provisioning is enabled or paused. */}
      {team.scim ? <TeamScimGroupSection team={team} /> : null}
      {isLinked ? <TeamScimSyncSection team={team} /> : null}

      <section aria-labelledby="members-heading">
        <div className="mb-3 flex items-center justify-between gap-4">
          <div className="flex items-baseline gap-2">
            <h2 id="members-heading" className="text-lg font-semibold">
              Members
            </h2>
            <span className="text-sm text-slate-500">
              {team.memberIds.length === 1 ? "1 member" : `${team.memberIds.length} members`}
            </span>
          </div>
          {canEditMembers ? <Button onClick={() => setDialog("add")}>Add members</Button> : null}
        </div>
        {isLinked ? (
          <Alert tone="info" className="mb-3">
            Membership is managed by the SCIM group{" "}
            {team.scim?.groupName ? <span className="font-medium">“{team.scim.groupName}”</span> : "linked above"}, so members cannot be added or removed
            here.{" "}
            {team.scim?.isSyncPaused
              ? "Sync is paused: resume it to bring the members in line with the group, or unlink the team to manage them by hand."
              : "Change the group in your identity provider, or unlink the team."}
          </Alert>
        ) : null}

        {team.memberIds.length === 0 ? (
          <EmptyState
            title="This team has no members"
            description={
              canEditMembers
                ? "Add members to give them the access this team grants. Search for people by email or username."
                : "Members appear here when the linked SCIM group has active members."
            }
            action={canEditMembers ? <Button onClick={() => setDialog("add")}>Add members</Button> : undefined}
          />
        ) : users.isPending ? (
          <TableSkeleton rows={Math.min(team.memberIds.length, 5)} columns={3} label="Loading members…" />
        ) : users.isError ? (
          <ErrorState title="Members could not be loaded" message={errorMessage(users.error)} onRetry={() => void users.refetch()} isRetrying={users.isFetching} />
        ) : (
          <Table caption={`Members of ${team.name}`}>
            <THead>
              <TR>
                <TH>Email</TH>
                <TH>Username</TH>
                <TH>Status</TH>
                {canEditMembers ? (
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                ) : null}
              </TR>
            </THead>
            <TBody>
              {team.memberIds.map((id) => {
                const user = users.data.get(id);
                const label = user?.email ?? id;
                return (
                  <TR key={id}>
                    <TD className="font-medium text-slate-900">{label}</TD>
                    <TD>{user?.username ?? <span className="text-slate-400">Unknown user</span>}</TD>
                    <TD>{user?.isSuspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}</TD>
                    {canEditMembers ? (
                      <TD className="text-right">
                        <Button variant="secondary" size="sm" aria-label={`Remove ${label} from ${team.name}`} onClick={() => setRemoving({ id, label })}>
                          Remove
                        </Button>
                      </TD>
                    ) : null}
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </section>

      <TeamMemberAddDialog team={team} open={dialog === "add"} onClose={() => setDialog(null)} />
      <TeamMemberRemoveDialog team={team} member={removing} onClose={() => setRemoving(null)} />
      {canRenameOrDelete ? (
        <>
          <TeamRenameDialog team={team} open={dialog === "rename"} onClose={() => setDialog(null)} />
          <TeamDeleteDialog team={team} open={dialog === "delete"} onClose={() => setDialog(null)} />
        </>
      ) : null}
    </>
  );
}
