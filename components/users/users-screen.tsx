"use client";
import { useEffect, useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input, Label } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Spinner } from "@/components/ui/spinner";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/lib/query/api-client";
import { useUsers, type SiteAdminSource, type User } from "@/lib/query/users";

const PAGE_SIZE = 20;

const SOURCE_LABEL: Record<SiteAdminSource, string> = {
  manual: "Manual",
  scim: "SCIM",
  both: "Manual and SCIM",
};

function SiteAdminCell({ user }: { user: User }) {
  if (!user.isSiteAdmin) return <span className="text-slate-400">No</span>;
  return (
    <span className="flex items-center gap-2">
      <Badge tone="info">Site admin</Badge>
      {user.siteAdminSource ? <span className="text-xs text-slate-500">{SOURCE_LABEL[user.siteAdminSource]}</span> : null}
    </span>
  );
}

export function UsersScreen() {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);

  useEffect(() => {
    const t = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(t);
  }, [search]);

  const query = useUsers({ q, page, size: PAGE_SIZE });
  const showScim = query.data?.items.some((u) => u.isScimManaged !== undefined) ?? false;

  let body;
  if (query.isPending) body = <TableSkeleton columns={5} label="Loading users…" />;
  else if (query.isError)
    body = <ErrorState title="Users could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />;
  else if (query.data.items.length === 0)
    body = q ? (
      <EmptyState title={`No users match “${q}”`} description="Check the spelling, or search for part of an email address, a username or a SCIM user name." />
    ) : (
      <EmptyState
        title="No users yet"
        description="Users appear here when they are created by an administrator, sign in with SSO, or are provisioned by your identity provider through SCIM."
      />
    );
  else
    body = (
      <>
        <Table caption={q ? `Users matching ${q}` : "Users"}>
          <THead>
            <TR>
              <TH>Email</TH>
              <TH>Username</TH>
              <TH>Status</TH>
              <TH>Site admin</TH>
              {showScim ? <TH>SCIM</TH> : null}
              <TH>Created</TH>
            </TR>
          </THead>
          <TBody>
            {query.data.items.map((user) => (
              <TR key={user.id}>
                <TD className="font-medium text-slate-900">{user.email}</TD>
                <TD>{user.username}</TD>
                <TD>{user.isSuspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}</TD>
                <TD>
                  <SiteAdminCell user={user} />
                </TD>
                {showScim ? (
                  <TD>
                    {user.isScimManaged ? (
                      <span className="flex flex-col">
                        <span>Managed{user.scimUsername ? ` · ${user.scimUsername}` : ""}</span>
                        <span className="text-xs text-slate-500">
                          Updated <RelativeTime date={user.scimUpdatedAt} />
                        </span>
                      </span>
                    ) : (
                      <span className="text-slate-400">Not managed</span>
                    )}
                  </TD>
                ) : null}
                <TD className="whitespace-nowrap text-slate-500">
                  <RelativeTime date={user.createdAt} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <Pagination
          pagination={query.data.pagination}
          onPageChange={setPage}
          nouns={["user", "users"]}
          isFetching={query.isFetching}
        />
      </>
    );

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Site Admin" }, { label: "Users" }]}
        title="Users"
        description="Everyone with a Roster account: local accounts, SSO users and users provisioned through SCIM."
      />
      <form role="search" onSubmit={(e) => e.preventDefault()} className="mb-4 flex max-w-md items-end gap-3">
        <div className="flex-1 space-y-1">
          <Label htmlFor="user-search">Search users</Label>
          <Input
            id="user-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Email, username or SCIM user name"
            autoComplete="off"
          />
        </div>
        {query.isFetching && !query.isPending ? (
          <span className="mb-2.5 text-slate-400">
            <Spinner />
            <span className="sr-only">Searching…</span>
          </span>
        ) : null}
      </form>
      {body}
    </>
  );
}
