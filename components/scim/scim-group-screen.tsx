"use client";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { errorMessage, isApiError } from "@/lib/query/api-client";
import { useScimGroup, type ScimGroupDetail } from "@/lib/query/scim-groups";
import { teamSettingsHref } from "./scim-groups-section";

const SCIM_HREF = "/app/admin/scim";
const crumbs = (name?: string) => [
  { label: "Site Admin" },
  { label: "SCIM", href: SCIM_HREF },
  { label: "SCIM groups", href: `${SCIM_HREF}#scim-groups` },
  { label: name ?? "Group" },
];

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Site Admin › SCIM › SCIM groups › one group: its members and the teams that follow it. */
export function ScimGroupScreen({ groupId }: { groupId: string }) {
  const query = useScimGroup(groupId);

  if (query.isError && isApiError(query.error) && query.error.status === 404) {
    return (
      <>
        <PageHeader title="SCIM group not found" breadcrumbs={crumbs()} />
        <EmptyState
          title="This SCIM group does not exist"
          description="Your identity provider may have deleted it, or SCIM provisioning was disabled, which deletes every group. Pick a group from the SCIM page."
          action={
            <Link href={`${SCIM_HREF}#scim-groups`} className={buttonClasses({ variant: "secondary" })}>
              Back to SCIM groups
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
        <TableSkeleton columns={3} label="Loading SCIM group…" />
      </>
    );
  }

  if (query.isError) {
    return (
      <>
        <PageHeader title="SCIM group" breadcrumbs={crumbs()} />
        <ErrorState title="This SCIM group could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
      </>
    );
  }

  return <GroupDetails group={query.data} />;
}

function GroupDetails({ group }: { group: ScimGroupDetail }) {
  const active = group.members.filter((m) => m.isActive).length;
  return (
    <>
      <PageHeader
        breadcrumbs={crumbs(group.name)}
        title={group.name}
        badge={group.isSiteAdminGroup ? <Badge tone="info">Site admin group</Badge> : null}
        description={
          <>
            A group pushed by your identity provider through SCIM. It can be changed only there.
            {group.externalId ? (
              <>
                {" "}
                External ID <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">{group.externalId}</code>.
              </>
            ) : null}
          </>
        }
      />

      {group.isSiteAdminGroup ? (
        <Alert tone="info" className="mb-6">
          This is the Site Admin IdP Group: its active members are site admins. Change it on the{" "}
          <Link href={SCIM_HREF} className="font-medium underline underline-offset-2">
            SCIM page
          </Link>
          .
        </Alert>
      ) : null}

      <section aria-labelledby="group-members-heading">
        <div className="mb-3 flex items-baseline gap-2">
          <h2 id="group-members-heading" className="text-lg font-semibold">
            Members
          </h2>
          <span className="text-sm text-slate-500">
            {count(group.members.length, "member", "members")}
            {active !== group.members.length ? ` · ${active.toLocaleString()} active` : null}
          </span>
        </div>
        {group.members.length === 0 ? (
          <EmptyState title="This group has no members" description="Members appear here when your identity provider adds users to the group." />
        ) : (
          <Table caption={`Members of ${group.name}`}>
            <THead>
              <TR>
                <TH>User name</TH>
                <TH>Email</TH>
                <TH>Status</TH>
              </TR>
            </THead>
            <TBody>
              {group.members.map((m) => (
                <TR key={m.userId}>
                  <TD className="font-medium text-slate-900">{m.userName || <span className="font-normal text-slate-400">No user name</span>}</TD>
                  <TD>{m.email}</TD>
                  <TD>{m.isActive ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Suspended</Badge>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {active !== group.members.length ? (
          <p className="mt-2 text-xs text-slate-500">Suspended members are not added to linked teams until your identity provider reactivates them.</p>
        ) : null}
      </section>

      <section aria-labelledby="group-teams-heading" className="mt-10">
        <div className="mb-3 flex items-baseline gap-2">
          <h2 id="group-teams-heading" className="text-lg font-semibold">
            Linked teams
          </h2>
          <span className="text-sm text-slate-500">{count(group.linkedTeamCount, "team", "teams")}</span>
        </div>
        {group.linkedTeams.length === 0 ? (
          <EmptyState
            title="No linked teams"
            description={
              group.isSiteAdminGroup
                ? "The site admin group cannot be linked to a team."
                : "To keep a team's members in step with this group, open the team's settings and choose this group under SCIM Group."
            }
          />
        ) : (
          <Table caption={`Teams linked to ${group.name}`}>
            <THead>
              <TR>
                <TH>Team</TH>
                <TH>Organization</TH>
              </TR>
            </THead>
            <TBody>
              {group.linkedTeams.map((t) => (
                <TR key={t.id}>
                  <TD>
                    <Link href={teamSettingsHref(t)} className="font-medium text-brand-700 hover:underline">
                      {t.name}
                    </Link>
                  </TD>
                  <TD>{t.organization}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </>
  );
}
