"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { scimGroupHref } from "@/components/scim/scim-groups-section";
import { ScimGroupPicker } from "@/components/scim/scim-group-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { MAX_LINKED_GROUP_MEMBERS, useLinkTeamToScimGroup, type ScimGroup } from "@/lib/query/scim-groups";
import type { Team } from "@/lib/query/teams";
import { TeamScimGroupUnlinkDialog } from "./team-scim-group-unlink-dialog";

// The site-admin group cannot manage a team (spec §6); the API refuses groups over the member cap (413).
function disabledReason(g: ScimGroup) {
  if (g.isSiteAdminGroup) return "Site admin group";
  if (g.memberCount > MAX_LINKED_GROUP_MEMBERS) return `Over ${MAX_LINKED_GROUP_MEMBERS.toLocaleString()} members`;
  return null;
}

/**
 * Team settings › SCIM Group: link the team to an IdP group, or unlink it. Shown while SCIM is on.
 * The link mutation and the unlink dialog live here, not in the part they replace, so their success
 * callbacks (toast, close) still run once the team has switched between linked and unlinked.
 */
export function TeamScimGroupSection({ team }: { team: Team }) {
  const link = useLinkTeamToScimGroup(team);
  // The group being unlinked, while the dialog is open.
  const [unlinking, setUnlinking] = useState<string | null>(null);
  const isLinked = team.scim?.isLinked ?? false;
  return (
    <section aria-labelledby="team-scim-group-heading" className="mb-10">
      <div className="mb-3 max-w-2xl">
        <h2 id="team-scim-group-heading" className="text-lg font-semibold text-slate-900">
          SCIM Group
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          Link this team to a group from your identity provider and its members follow the group: people added to the group join the team, and people
          removed from it or deactivated leave.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        {team.isOwners ? (
          <p className="px-5 py-4 text-sm text-slate-600">The owners team cannot be linked to a SCIM group: its members are always managed by hand.</p>
        ) : isLinked ? (
          <LinkedGroup team={team} onUnlink={setUnlinking} />
        ) : (
          <LinkForm team={team} link={link} />
        )}
      </div>
      <TeamScimGroupUnlinkDialog team={team} groupName={unlinking ?? ""} open={unlinking !== null} onClose={() => setUnlinking(null)} />
    </section>
  );
}

function LinkedGroup({ team, onUnlink }: { team: Team; onUnlink: (groupName: string) => void }) {
  const groupName = team.scim?.groupName ?? "the SCIM group";
  const groupId = team.scim?.groupId ?? null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
      <dl className="min-w-0">
        <dt className="text-sm font-medium text-slate-700">Linked group</dt>
        <dd className="mt-0.5 text-sm">
          {groupId ? (
            <Link href={scimGroupHref(groupId)} className="font-medium text-brand-700 hover:underline">
              {groupName}
            </Link>
          ) : (
            <span className="font-medium text-slate-900">{groupName}</span>
          )}
          <span className="mt-0.5 block text-slate-600">While the team is linked, it cannot be renamed or deleted and its members cannot be edited here.</span>
        </dd>
      </dl>
      <Button variant="secondary" onClick={() => onUnlink(groupName)}>
        Unlink
      </Button>
    </div>
  );
}

function LinkForm({ team, link }: { team: Team; link: ReturnType<typeof useLinkTeamToScimGroup> }) {
  const [group, setGroup] = useState<ScimGroup | null>(null);
  const toast = useToast();
  const current = team.memberIds.length;
  const target = group ? `“${group.name}”` : "the group you choose";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!group) return;
    link.mutate(group.id, {
      onSuccess: () => {
        toast({ title: `${team.name} linked to “${group.name}”`, description: "Its members now follow the group." });
        link.reset();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4 px-5 py-4">
      <div className="max-w-md">
        <ScimGroupPicker
          label="SCIM group"
          hint="The site admin group cannot be linked to a team."
          value={group}
          onChange={(g) => {
            setGroup(g);
            link.reset();
          }}
          disabledReason={disabledReason}
        />
      </div>
      <Alert tone="warning" title="Saving replaces the team's members">
        {current === 0
          ? `${team.name} gets the active members of ${target}. `
          : `${current === 1 ? "The current member" : `The ${current.toLocaleString()} current members`} of ${team.name} will be replaced by the active members of ${target}. `}
        From then on, membership is managed by the group and cannot be edited here.
      </Alert>
      {link.error ? <Alert tone="danger">{errorMessage(link.error)}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={!group} isPending={link.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
