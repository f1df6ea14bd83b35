"use client";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Menu, MenuItem } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import { useEnableScim, type ScimSettings, type ScimState } from "@/lib/query/scim";
import { CopyButton } from "@/components/ui/copy-button";
import { ScimDisableDialog } from "./scim-disable-dialog";
import { ScimPauseDialog } from "./scim-pause-dialog";
import { ScimResumeDialog } from "./scim-resume-dialog";
import { ScimStateBadge } from "./scim-state-badge";

const Path = ({ children }: { children: string }) => <code className="rounded bg-slate-100 px-1 py-0.5 text-[0.8125rem] text-slate-800">{children}</code>;

const MEANING: Record<ScimState, React.ReactNode> = {
  disabled: (
    <>
      Roster does not process provisioning requests to <Path>/scim/v2/Users</Path> and <Path>/scim/v2/Groups</Path>.
    </>
  ),
  enabled: (
    <>
      Roster processes provisioning requests to <Path>/scim/v2/Users</Path> and <Path>/scim/v2/Groups</Path>, so your identity provider can create and
      update users and groups.
    </>
  ),
  paused: (
    <>
      SCIM stays enabled, but requests to <Path>/scim/v2/Users</Path> and <Path>/scim/v2/Groups</Path> are rejected with 403 Forbidden while existing
      users, groups, team links and tokens stay in place.
    </>
  ),
};

/**
 * The site's SCIM state with the one action that changes it: Enable while disabled, the Manage
 * menu (Pause or Resume, Disable) otherwise. `isSamlEnabled` is undefined while unknown.
 */
export function ScimStatusCard({ settings, isSamlEnabled }: { settings: ScimSettings; isSamlEnabled: boolean | undefined }) {
  const [dialog, setDialog] = useState<"pause" | "resume" | "disable" | null>(null);
  const enable = useEnableScim();
  const toast = useToast();
  const reasonId = useId();
  const urlId = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const { state } = settings;
  const needsSaml = state === "disabled" && isSamlEnabled === false;

  let action;
  if (state === "disabled") {
    action = (
      <Button
        onClick={() =>
          enable.mutate(undefined, {
            onSuccess: () => toast({ title: "SCIM provisioning enabled", description: "Create a token for your identity provider next." }),
          })
        }
        isPending={enable.isPending}
        disabled={needsSaml || isSamlEnabled === undefined}
        aria-describedby={needsSaml ? reasonId : undefined}
      >
        Enable SCIM provisioning
      </Button>
    );
  } else {
    action = (
      <Menu label="Manage">
        {state === "enabled" ? (
          <MenuItem onSelect={() => setDialog("pause")} className="whitespace-nowrap">
            Pause SCIM provisioning
          </MenuItem>
        ) : (
          <MenuItem onSelect={() => setDialog("resume")} className="whitespace-nowrap">
            Resume SCIM provisioning
          </MenuItem>
        )}
        <MenuItem onSelect={() => setDialog("disable")} className="whitespace-nowrap">
          Disable SCIM provisioning
        </MenuItem>
      </Menu>
    );
  }

  return (
    <section aria-labelledby="scim-status-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h2 id="scim-status-heading" className="text-base font-semibold text-slate-900">
              Status
            </h2>
            <ScimStateBadge state={state} />
          </div>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{MEANING[state]}</p>
        </div>
        {action}
      </div>

      {needsSaml || enable.error ? (
        <div className="space-y-3 px-5 pb-4">
          {needsSaml ? (
            <Alert tone="info">
              <p id={reasonId}>
                SAML single sign-on must be enabled before you can enable SCIM provisioning: SCIM handles provisioning, SAML handles sign-in.{" "}
                <Link href="/app/admin/saml" className="font-medium underline underline-offset-2 hover:text-brand-600">
                  Configure SAML
                </Link>
              </p>
            </Alert>
          ) : null}
          {enable.error ? <Alert tone="danger">{errorMessage(enable.error)}</Alert> : null}
        </div>
      ) : null}

      <div className="border-t border-slate-100 px-5 py-4">
        <Label htmlFor={urlId}>SCIM base URL</Label>
        <div className="mt-1 flex max-w-2xl gap-2">
          <Input
            ref={urlRef}
            id={urlId}
            readOnly
            value={settings.baseUrl ?? ""}
            aria-describedby={`${urlId}-hint`}
            className="font-mono text-[0.8125rem]"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={settings.baseUrl ?? ""} label="Copy SCIM base URL" disabled={!settings.baseUrl} onFallback={() => urlRef.current?.select()} />
        </div>
        <p id={`${urlId}-hint`} className="mt-1 text-xs text-slate-500">
          Enter this URL and a SCIM token in your identity provider&apos;s provisioning settings.
        </p>
      </div>

      <ScimPauseDialog open={dialog === "pause"} onClose={() => setDialog(null)} />
      <ScimResumeDialog open={dialog === "resume"} onClose={() => setDialog(null)} />
      <ScimDisableDialog open={dialog === "disable"} onClose={() => setDialog(null)} />
    </section>
  );
}
