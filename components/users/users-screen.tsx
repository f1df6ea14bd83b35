"use client";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Spinner } from "@/components/ui/spinner";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { useDebounced } from "@/components/ui/use-debounced";
import { errorMessage } from "@/lib/query/api-client";
import type { UserListParams } from "@/lib/query/keys";
import { useUsers } from "@/lib/query/users";
import { ScimManagedCell, SiteAdminCell, UserStatusBadge } from "./user-badges";
import { UserCreateDialog } from "./user-create-dialog";

const PAGE_SIZE = 20;

interface UserFilterValues {
  status: "" | "active" | "suspended";
  scimManaged: "" | "true" | "false";
  siteAdmin: "" | "manual" | "scim";
}

const NO_FILTERS: UserFilterValues = { status: "", scimManaged: "", siteAdmin: "" };

export function UsersScreen() {
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<UserFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const q = useDebounced(search.trim(), 250);

  const params: UserListParams = {
    q,
    page,
    size: PAGE_SIZE,
    status: filters.status || undefined,
    scimManaged: filters.scimManaged === "" ? undefined : filters.scimManaged === "true",
    siteAdmin: filters.siteAdmin || undefined,
  };
  const query = useUsers(params);
  const showScim = query.data?.items.some((u) => u.isScimManaged !== undefined) ?? false;
  const isFiltered = Boolean(q) || Object.values(filters).some((v) => v !== "");

  const changeFilter = (patch: Partial<UserFilterValues>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const clear = () => {
    setSearch("");
    setFilters(NO_FILTERS);
    setPage(1);
  };

  let body;
  if (query.isPending) body = <TableSkeleton columns={5} label="Loading users…" />;
  else if (query.isError)
    body = <ErrorState title="Users could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />;
  else if (query.data.items.length === 0)
    body = isFiltered ? (
      <EmptyState
        title={q ? `No users match “${q}”` : "No users match these filters"}
        description={
          q
            ? "Check the spelling, or search for part of an email address, a username or a SCIM user name. The filters apply too."
            : "Nobody has this status, SCIM management and site admin role at once. Change or clear the filters."
        }
        action={
          <Button variant="secondary" onClick={clear}>
            Clear search and filters
          </Button>
        }
      />
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
              <TH className="whitespace-nowrap">Site admin</TH>
              {showScim ? (
                <>
                  <TH>SCIM</TH>
                  <TH>Last SCIM update</TH>
                </>
              ) : (
                <TH>Created</TH>
              )}
            </TR>
          </THead>
          <TBody>
            {query.data.items.map((user) => (
              <TR key={user.id}>
                <TD className="font-medium">
                  <Link href={`/app/admin/users/${encodeURIComponent(user.id)}`} className="text-brand-700 hover:underline">
                    {user.email}
                  </Link>
                </TD>
                <TD>{user.username}</TD>
                <TD>
                  <UserStatusBadge user={user} />
                </TD>
                <TD>
                  <SiteAdminCell user={user} />
                </TD>
                {showScim ? (
                  <>
                    <TD>
                      <ScimManagedCell user={user} />
                    </TD>
                    <TD className="whitespace-nowrap text-slate-500">
                      {user.isScimManaged ? <RelativeTime date={user.scimUpdatedAt} /> : <span className="text-slate-400">—</span>}
                    </TD>
                  </>
                ) : (
                  <TD className="whitespace-nowrap text-slate-500">
                    <RelativeTime date={user.createdAt} />
                  </TD>
                )}
              </TR>
            ))}
          </TBody>
        </Table>
        <Pagination pagination={query.data.pagination} onPageChange={setPage} nouns={["user", "users"]} isFetching={query.isFetching} />
      </>
    );

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Site Admin" }, { label: "Users" }]}
        title="Users"
        description="Everyone with a Roster account: local accounts, SSO users and users provisioned through SCIM. Open a user to see their teams and recent activity, to grant or revoke site admin, or to suspend or delete them."
        actions={<Button onClick={() => setIsCreateOpen(true)}>Create non-SSO admin</Button>}
      />
      <NonSsoSiteAdmins count={query.data?.nonSsoSiteAdminCount ?? null} />
      <form
        role="search"
        aria-label="Search and filter users"
        onSubmit={(e) => e.preventDefault()}
        className="mb-4 grid items-end gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[minmax(0,1.8fr)_minmax(0,1fr)_minmax(0,1.2fr)_minmax(0,1.2fr)]"
      >
        <Field label="Search users">
          {(p) => (
            <div className="relative">
              <Input
                {...p}
                type="search"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(1);
                }}
                placeholder="Email, username or SCIM user name"
                autoComplete="off"
                className="pr-9"
              />
              {query.isFetching && !query.isPending ? (
                <span className="absolute top-2.5 right-3 text-slate-400">
                  <Spinner />
                  <span className="sr-only">Searching…</span>
                </span>
              ) : null}
            </div>
          )}
        </Field>
        <Field label="Status">
          {(p) => (
            <Select {...p} value={filters.status} onChange={(e) => changeFilter({ status: e.target.value as UserFilterValues["status"] })}>
              <option value="">All statuses</option>
              <option value="active">Active</option>
              <option value="suspended">Suspended</option>
            </Select>
          )}
        </Field>
        <Field label="SCIM">
          {(p) => (
            <Select {...p} value={filters.scimManaged} onChange={(e) => changeFilter({ scimManaged: e.target.value as UserFilterValues["scimManaged"] })}>
              <option value="">Managed or not</option>
              <option value="true">Managed by SCIM</option>
              <option value="false">Not managed by SCIM</option>
            </Select>
          )}
        </Field>
        <Field label="Site admin">
          {(p) => (
            <Select {...p} value={filters.siteAdmin} onChange={(e) => changeFilter({ siteAdmin: e.target.value as UserFilterValues["siteAdmin"] })}>
              <option value="">Anyone</option>
              <option value="manual">Granted manually</option>
              <option value="scim">Granted through SCIM</option>
            </Select>
          )}
        </Field>
      </form>
      {body}
      <UserCreateDialog open={isCreateOpen} onClose={() => setIsCreateOpen(false)} />
    </>
  );
}

/**
 * How many site admins can sign in without SSO (active, with a password, not SCIM-managed): the
 * accounts that still get in when the identity provider or SAML fails. One or none is a warning.
 */
function NonSsoSiteAdmins({ count }: { count: number | null }) {
  if (count === null) return null;
  if (count <= 1) {
    return (
      <Alert tone="warning" className="mb-4" title={count === 1 ? "Only one site admin can sign in without SSO" : "No site admin can sign in without SSO"}>
        {count === 1
          ? "If that account is lost, suspended or forgotten while SSO is unavailable, nobody can reach Site Admin. Create another non-SSO admin so you are never locked out."
          : "If SSO becomes unavailable, nobody can reach Site Admin. Create a non-SSO admin so you are never locked out."}
      </Alert>
    );
  }
  return (
    <p className="mb-4 flex items-center gap-2 text-sm text-slate-600">
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-emerald-600" fill="currentColor">
        <path
          fillRule="evenodd"
          d="M10 1.9a1 1 0 0 1 .6.2 11 11 0 0 0 6 2.3 1 1 0 0 1 .9 1c0 5.3-2.6 9.5-7.1 12.1a1 1 0 0 1-.9 0C5 14.9 2.5 10.7 2.5 5.4a1 1 0 0 1 .9-1 11 11 0 0 0 6-2.3 1 1 0 0 1 .6-.2Zm3.2 6.3a.8.8 0 0 0-1.2-1L9.2 10.5 8 9.2a.8.8 0 1 0-1.2 1.1l1.8 1.9a.8.8 0 0 0 1.2 0l3.4-4Z"
          clipRule="evenodd"
        />
      </svg>
      <span>
        <strong className="font-semibold text-slate-800">{count} site admins</strong> can sign in without SSO: active password accounts that your identity provider does not
        manage.
      </span>
    </p>
  );
}
