import { Badge } from "@/components/ui/badge";
import type { Team } from "@/lib/query/teams";

/** Owners and SCIM markers of a team, as badges. */
export function TeamBadges({ team }: { team: Team }) {
  return (
    <>
      {team.isOwners ? <Badge tone="info">Owners</Badge> : null}
      {team.scim?.isLinked ? (
        <Badge tone={team.scim.isSyncPaused ? "warning" : "success"}>{team.scim.isSyncPaused ? "SCIM sync paused" : "SCIM linked"}</Badge>
      ) : null}
    </>
  );
}
