"use client";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/lib/query/api-client";
import { queryKeys } from "@/lib/query/keys";
import { useOrganizations, type Organization } from "@/lib/query/organizations";
import type { Paged } from "@/lib/query/api-client";
import { OrganizationCreateDialog } from "./organization-create-dialog";

const PAGE_SIZE = 20;

export function OrganizationsScreen() {
  const [page, setPage] = useState(1);
  const [isCreating, setCreating] = useState(false);
  const query = useOrganizations({ page, size: PAGE_SIZE });
  const queryClient = useQueryClient();

  // The list is oldest first, so a new organization is on the last page: show it there.
  const showLastPage = () => {
    const fresh = queryClient.getQueryData<Paged<Organization>>(queryKeys.organizations.list({ page, size: PAGE_SIZE }));
    if (fresh) setPage(fresh.pagination.totalPages);
  };

  const createButton = <Button onClick={() => setCreating(true)}>Create organization</Button>;

  let body;
  if (query.isPending) body = <TableSkeleton columns={3} label="Loading organizations…" />;
  else if (query.isError)
    body = (
      <ErrorState
        title="Organizations could not be loaded"
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  else if (query.data.items.length === 0)
    body = (
      <EmptyState
        title="No organizations yet"
        description="Create the first organization, then add teams to it. Teams can be filled by hand or linked to a SCIM group from your identity provider."
        action={createButton}
      />
    );
  else
    body = (
      <>
        <Table caption="Organizations">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>Created</TH>
            </TR>
          </THead>
          <TBody>
            {query.data.items.map((org) => (
              <TR key={org.name} className="hover:bg-slate-50">
                <TD className="whitespace-nowrap">
                  <Link href={`/app/${encodeURIComponent(org.name)}/settings/teams`} className="font-medium text-brand-700 hover:underline">
                    {org.name}
                  </Link>
                </TD>
                <TD>{org.email}</TD>
                <TD className="whitespace-nowrap text-slate-500">
                  <RelativeTime date={org.createdAt} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <Pagination
          pagination={query.data.pagination}
          onPageChange={setPage}
          nouns={["organization", "organizations"]}
          isFetching={query.isFetching}
        />
      </>
    );

  return (
    <>
      <PageHeader
        title="Organizations"
        description="Every organization on this Roster instance. Open one to manage its teams and members."
        actions={query.data && query.data.items.length > 0 ? createButton : null}
      />
      {body}
      <OrganizationCreateDialog open={isCreating} onClose={() => setCreating(false)} onCreated={showLastPage} />
    </>
  );
}
