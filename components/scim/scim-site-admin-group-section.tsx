"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ScimSettings } from "@/lib/query/scim";
import type { ScimGroup } from "@/lib/query/scim-groups";
import { ScimGroupPicker } from "./scim-group-picker";
import { ScimSiteAdminGroupClearDialog } from "./scim-site-admin-group-clear-dialog";
import { ScimSiteAdminGroupUpdateDialog } from "./scim-site-admin-group-update-dialog";

// A group linked to a team manages that team; it cannot grant site admin too (spec §6).
const disabledReason = (current: string | null) => (g: ScimGroup) => (g.id === current ? "Current group" : g.linkedTeamCount > 0 ? "Linked to a team" : null);

/** Site Admin › SCIM › Site Admin IdP Group: which IdP group's members are site admins. */
export function ScimSiteAdminGroupSection({ settings }: { settings: ScimSettings }) {
  return (
    <section aria-labelledby="scim-site-admin-group-heading" className="mt-10">
      <div className="mb-3 max-w-2xl">
        <h2 id="scim-site-admin-group-heading" className="text-lg font-semibold text-slate-900">
          Site Admin IdP Group
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          Active members of this group in your identity provider are site admins in Roster, and lose the role when they leave it. Site admins granted by hand
          are never changed.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        {settings.state === "disabled" ? (
          <p className="px-5 py-4 text-sm text-slate-600">
            Enable SCIM provisioning first. Once your identity provider pushes groups, choose the group whose members should be site admins.
          </p>
        ) : (
          <SiteAdminGroupForm settings={settings} />
        )}
      </div>
    </section>
  );
}

function SiteAdminGroupForm({ settings }: { settings: ScimSettings }) {
  const [picked, setPicked] = useState<ScimGroup | null>(null);
  const [confirming, setConfirming] = useState<ScimGroup | null>(null);
  // The name of the group being cleared, while the dialog is open. The dialog stays mounted when the
  // group is gone, so its success callback (toast, close) still runs.
  const [clearing, setClearing] = useState<string | null>(null);
  // Remounts the picker after an update, so it starts empty again.
  const [pickerKey, setPickerKey] = useState(0);
  const currentId = settings.siteAdminGroupScimId;
  const currentName = settings.siteAdminGroupDisplayName ?? currentId;
  const canUpdate = picked !== null && picked.id !== currentId;
  const resetPicker = () => {
    setPicked(null);
    setPickerKey((k) => k + 1);
  };

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
        <dl className="min-w-0">
          <dt className="text-sm font-medium text-slate-700">Current group</dt>
          <dd className="mt-0.5 text-sm">
            {currentId ? (
              <Link href={`/app/admin/scim/groups/${encodeURIComponent(currentId)}`} className="font-medium text-brand-700 hover:underline">
                {currentName}
              </Link>
            ) : (
              <span className="text-slate-600">None. Site admins are only granted by hand.</span>
            )}
          </dd>
        </dl>
        {currentId ? (
          <Button variant="secondary" onClick={() => setClearing(currentName)}>
            Clear
          </Button>
        ) : null}
      </div>
      <form
        className="flex flex-wrap items-start gap-3 border-t border-slate-100 px-5 py-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (canUpdate) setConfirming(picked);
        }}
      >
        <div className="w-full max-w-md">
          <ScimGroupPicker
            key={pickerKey}
            label={currentId ? "New site admin group" : "Site admin group"}
            hint="A group linked to a team cannot be chosen."
            value={picked}
            onChange={setPicked}
            disabledReason={disabledReason(currentId)}
          />
        </div>
        {/* Level with the input: the label above it is 1.5rem tall. */}
        <Button type="submit" disabled={!canUpdate} className="mt-6">
          Update site admin provisioning
        </Button>
      </form>
      <ScimSiteAdminGroupUpdateDialog
        group={confirming}
        currentName={currentId ? currentName : null}
        onClose={() => setConfirming(null)}
        onUpdated={() => {
          setConfirming(null);
          resetPicker();
        }}
      />
      <ScimSiteAdminGroupClearDialog
        groupName={clearing ?? ""}
        open={clearing !== null}
        onClose={() => setClearing(null)}
        onCleared={() => {
          setClearing(null);
          resetPicker();
        }}
      />
    </>
  );
}
