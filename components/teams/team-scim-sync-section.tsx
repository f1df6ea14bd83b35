"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/time";
import { useScimSettings } from "@/lib/query/scim";
import type { Team } from "@/lib/query/teams";
import { TeamScimSyncPauseDialog } from "./team-scim-sync-pause-dialog";
import { TeamScimSyncResumeDialog } from "./team-scim-sync-resume-dialog";

/** Team settings › SCIM Sync: whether a linked team follows its group right now. */
export function TeamScimSyncSection({ team }: { team: Team }) {
  const [dialog, setDialog] = useState<"pause" | "resume" | null>(null);
  const settings = useScimSettings();
  const isPaused = team.scim?.isSyncPaused ?? false;
  const groupName = team.scim?.groupName ?? "the SCIM group";
  const isSitePaused = settings.data?.state === "paused";

  return (
    <section aria-labelledby="team-scim-sync-heading" className="mb-10">
      <div className="mb-3 max-w-2xl">
        <h2 id="team-scim-sync-heading" className="text-lg font-semibold text-slate-900">
          SCIM Sync
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">Keeps the members of this team in step with its SCIM group.</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
          <div className="min-w-0 flex-1">
            <div className="flex items-center gap-2">
              <h3 className="text-sm font-medium text-slate-700">State</h3>
              {isPaused ? <Badge tone="warning">Paused</Badge> : <Badge tone="success">Syncing</Badge>}
            </div>
            <p className="mt-1 max-w-2xl text-sm text-slate-600">
              {isPaused
                ? `Membership is frozen: changes to “${groupName}” do not reach this team until you resume.`
                : `Members follow “${groupName}”: when your identity provider adds, removes, deactivates or reactivates a member, this team changes at once.`}
            </p>
            <p className="mt-2 text-sm text-slate-600">
              Last synced <RelativeTime date={team.scim?.updatedAt} fallback="never" />
            </p>
          </div>
          {isPaused ? (
            <Button onClick={() => setDialog("resume")}>Resume Sync</Button>
          ) : (
            <Button variant="secondary" onClick={() => setDialog("pause")}>
              Pause Sync
            </Button>
          )}
        </div>
        {isSitePaused ? (
          <div className="px-5 pb-4">
            <Alert tone="info">
              SCIM provisioning is paused for the whole site, so no changes arrive from your identity provider until it is resumed on the{" "}
              <Link href="/app/admin/scim" className="font-medium underline underline-offset-2">
                SCIM page
              </Link>
              .
            </Alert>
          </div>
        ) : null}
      </div>
      <TeamScimSyncPauseDialog team={team} groupName={groupName} open={dialog === "pause"} onClose={() => setDialog(null)} />
      <TeamScimSyncResumeDialog team={team} groupName={groupName} open={dialog === "resume"} onClose={() => setDialog(null)} />
    </section>
  );
}
