"use client";
import Link from "next/link";
import { useState } from "react";
import { SectionHeader } from "@/components/layout/section-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input, Label } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useDebounced } from "@/components/ui/use-debounced";
import { errorMessage } from "@/lib/query/api-client";
import type { ScimState } from "@/lib/query/scim";
import { useScimGroups, type ScimGroup } from "@/lib/query/scim-groups";

const PAGE_SIZE = 20;
const TEAMS_SHOWN = 3;

export const scimGroupHref = (id: string) => `/app/admin/scim/groups/${encodeURIComponent(id)}`;
export const teamSettingsHref = (t: { id: string; organization: string }) =>
  `/app/${encodeURIComponent(t.organization)}/settings/teams/${encodeURIComponent(t.id)}`;

function LinkedTeamsCell({ group }: { group: ScimGroup }) {
  if (group.linkedTeamCount === 0) return <span className="text-slate-400">None</span>;
  const shown = group.linkedTeams.slice(0, TEAMS_SHOWN);
  const more = group.linkedTeamCount - shown.length;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
      {shown.map((t, i) => (
        <span key={t.id}>
          <Link href={teamSettingsHref(t)} className="text-brand-700 hover:underline">
            {t.name}
          </Link>
          <span className="text-slate-500"> in {t.organization}</span>
          {i < shown.length - 1 || more > 0 ? <span className="text-slate-400">,</span> : null}
        </span>
      ))}
      {more > 0 ? <span className="text-slate-500">and {more.toLocaleString()} more</span> : null}
    </span>
  );
}

/** Site Admin › SCIM › SCIM groups: what the identity provider has pushed, and where each group is used. */
export function ScimGroupsSection({ state }: { state: ScimState }) {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const q = useDebounced(search.trim());
  const groups = useScimGroups({ q, page, size: PAGE_SIZE });

  let body;
  if (groups.isPending) body = <TableSkeleton rows={3} columns={4} label="Loading SCIM groups…" />;
  else if (groups.isError)
    body = <ErrorState title="SCIM groups could not be loaded" message={errorMessage(groups.error)} onRetry={() => void groups.refetch()} isRetrying={groups.isFetching} />;
  else if (groups.data.items.length === 0)
    body = q ? (
      <EmptyState title={`No SCIM groups match “${q}”`} description="Check the spelling, or search for part of the group's name." />
    ) : state === "disabled" ? (
      <EmptyState title="No SCIM groups" description="Enable SCIM provisioning and connect your identity provider. The groups it pushes appear here." />
    ) : (
      <EmptyState
        title="No SCIM groups yet"
        description="Groups appear here when your identity provider pushes them. Assign groups to the Roster application in your identity provider and start provisioning."
      />
    );
  else
    body = (
      <>
        <Table caption="SCIM groups">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Members</TH>
              <TH>Linked teams</TH>
              <TH>
                <span className="sr-only">Site admin</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {groups.data.items.map((g) => (
              <TR key={g.id} className="hover:bg-slate-50">
                <TD>
                  <Link href={scimGroupHref(g.id)} className="font-medium text-brand-700 hover:underline">
                    {g.name}
                  </Link>
                  {g.externalId ? <span className="block font-mono text-xs text-slate-400">{g.externalId}</span> : null}
                </TD>
                <TD className="tabular-nums">{g.memberCount.toLocaleString()}</TD>
                <TD>
                  <LinkedTeamsCell group={g} />
                </TD>
                <TD className="text-right">{g.isSiteAdminGroup ? <Badge tone="info">Site admin group</Badge> : null}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <Pagination pagination={groups.data.pagination} onPageChange={setPage} nouns={["group", "groups"]} isFetching={groups.isFetching} />
      </>
    );

  const hasAny = groups.data ? groups.data.items.length > 0 || q !== "" : false;

  return (
    <section id="scim-groups" aria-labelledby="scim-groups-heading" className="mt-10 scroll-mt-6">
      <SectionHeader
        headingId="scim-groups-heading"
        title="SCIM groups"
        description="Groups your identity provider pushes. Link one to a team in the team's settings, and the team's members follow the group."
      >
        {hasAny ? (
          <form role="search" onSubmit={(e) => e.preventDefault()} className="flex w-full items-center gap-2 sm:w-64">
            <Label htmlFor="scim-group-search" className="sr-only">
              Search SCIM groups
            </Label>
            <Input
              id="scim-group-search"
              type="search"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(1);
              }}
              placeholder="Search groups"
              autoComplete="off"
            />
            {groups.isFetching && !groups.isPending ? (
              <span className="text-slate-400">
                <Spinner />
                <span className="sr-only">Searching…</span>
              </span>
            ) : null}
          </form>
        ) : null}
      </SectionHeader>
      {body}
    </section>
  );
}
