"use client";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage, isApiError } from "@/lib/query/api-client";
import { useOrganization } from "@/lib/query/organizations";
import { queryKeys } from "@/lib/query/keys";
import { useTeams, type Team } from "@/lib/query/teams";
import type { Paged } from "@/lib/query/api-client";
import { TeamBadges } from "./team-badges";
import { TeamCreateDialog } from "./team-create-dialog";

const PAGE_SIZE = 20;

export function TeamsScreen({ organization }: { organization: string }) {
  const [page, setPage] = useState(1);
  const [isCreating, setCreating] = useState(false);
  const org = useOrganization(organization);
  const teams = useTeams(organization, { page, size: PAGE_SIZE });
  const queryClient = useQueryClient();

  // The list is oldest first, so a new team is on the last page: show it there.
  const showLastPage = () => {
    const fresh = queryClient.getQueryData<Paged<Team>>(queryKeys.teams.list(organization, { page, size: PAGE_SIZE }));
    if (fresh) setPage(fresh.pagination.totalPages);
  };
  const orgHref = `/app/${encodeURIComponent(organization)}/settings/teams`;
  const breadcrumbs = [{ label: "Organizations", href: "/app/organizations" }, { label: organization, href: orgHref }, { label: "Teams" }];

  if (org.isError && isApiError(org.error) && org.error.status === 404) {
    return (
      <>
        <PageHeader title="Organization not found" breadcrumbs={[{ label: "Organizations", href: "/app/organizations" }, { label: organization }]} />
        <EmptyState
          title={`There is no organization named “${organization}”`}
          description="It may have been renamed or deleted, or the address may be mistyped. Pick an organization from the list."
          action={
            <Link href="/app/organizations" className={buttonClasses({ variant: "secondary" })}>
              Back to organizations
            </Link>
          }
        />
      </>
    );
  }

  const createButton = <Button onClick={() => setCreating(true)}>Create team</Button>;
  const error = teams.error ?? org.error;

  let body;
  if (teams.isPending) body = <TableSkeleton columns={4} label="Loading teams…" />;
  else if (teams.isError || org.isError)
    body = (
      <ErrorState
        title="Teams could not be loaded"
        message={errorMessage(error)}
        onRetry={() => {
          void org.refetch();
          void teams.refetch();
        }}
        isRetrying={teams.isFetching || org.isFetching}
      />
    );
  else if (teams.data.items.length === 0)
    body = (
      <EmptyState
        title="No teams yet"
        description={`Create a team to group people in ${organization}, then add members to it.`}
        action={createButton}
      />
    );
  else
    body = (
      <>
        <Table caption={`Teams of ${organization}`}>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Members</TH>
              <TH>
                <span className="sr-only">Type</span>
              </TH>
              <TH>Created</TH>
            </TR>
          </THead>
          <TBody>
            {teams.data.items.map((team) => (
              <TR key={team.id} className="hover:bg-slate-50">
                <TD>
                  <Link href={`${orgHref}/${encodeURIComponent(team.id)}`} className="font-medium text-brand-700 hover:underline">
                    {team.name}
                  </Link>
                </TD>
                <TD className="tabular-nums">{team.usersCount}</TD>
                <TD>
                  <div className="flex gap-1.5">
                    <TeamBadges team={team} />
                  </div>
                </TD>
                <TD className="whitespace-nowrap text-slate-500">
                  <RelativeTime date={team.createdAt} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <Pagination
          pagination={teams.data.pagination}
          onPageChange={setPage}
          nouns={["team", "teams"]}
          isFetching={teams.isFetching}
        />
      </>
    );

  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title="Teams"
        description={
          org.data ? (
            <>
              Teams of <span className="font-medium text-slate-800">{org.data.name}</span> · {org.data.email}
            </>
          ) : (
            <Skeleton className="mt-1 h-4 w-64" />
          )
        }
        actions={teams.data && teams.data.items.length > 0 ? createButton : null}
      />
      {body}
      <TeamCreateDialog organization={organization} open={isCreating} onClose={() => setCreating(false)} onCreated={showLastPage} />
    </>
  );
}
