"use client";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { LogTime } from "@/components/ui/time";
import { auditActionLabel, auditSubjectUserId, type AuditEvent } from "@/lib/query/audit";
import { useScimTokens } from "@/lib/query/scim";
import { useUserLabels } from "@/lib/query/users";
import { AuditEventDialog, type AuditEventFilterActions } from "./audit-event-dialog";
import { AuditOutcomeBadge } from "./audit-outcome-badge";
import { AuditPartyCell, describeParty, type PartyLookups } from "./audit-party";

const timeFormat = () => new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

/** A page of audit events; each row opens the full event. */
export function AuditEventsTable({ events, caption, filters }: { events: AuditEvent[]; caption: string; filters?: AuditEventFilterActions }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const userIds = events.flatMap((e) => [e.actor?.type === "user" ? e.actor.id : null, auditSubjectUserId(e)]);
  const users = useUserLabels(userIds);
  const tokens = useScimTokens();
  const tokenMap = useMemo(() => new Map((tokens.data ?? []).map((t) => [t.id, t])), [tokens.data]);
  const lookups: PartyLookups = { users, tokens: tokenMap };

  const open = events.find((e) => e.id === openId) ?? null;
  return (
    <>
      <Table caption={caption}>
        <THead>
          <TR>
            <TH>Time</TH>
            <TH>Action</TH>
            <TH>Actor</TH>
            <TH>Target</TH>
            <TH>Outcome</TH>
            <TH className="pr-3 pl-0">
              <span className="sr-only">Details</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {events.map((e) => {
            const label = auditActionLabel(e.action);
            const at = e.timestamp ? timeFormat().format(new Date(e.timestamp)) : "";
            return (
              <TR key={e.id}>
                <TD>
                  <LogTime date={e.timestamp} />
                </TD>
                <TD>
                  <span className="flex flex-col">
                    <span className="font-medium whitespace-nowrap text-slate-900">{label}</span>
                    {label !== e.action ? <code className="font-mono text-xs text-slate-500">{e.action}</code> : null}
                  </span>
                </TD>
                <TD className="max-w-52">
                  <AuditPartyCell view={describeParty(e.actor, "actor", e, lookups)} />
                </TD>
                <TD className="max-w-52">
                  <AuditPartyCell view={describeParty(e.target, "target", e, lookups)} />
                </TD>
                <TD>
                  <AuditOutcomeBadge outcome={e.outcome} />
                </TD>
                <TD className="py-2 pr-3 pl-0 text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    className="px-2"
                    aria-label={`Details of “${label}”${at ? ` at ${at}` : ""}`}
                    title="Details"
                    onClick={() => setOpenId(e.id)}
                  >
                    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
                      <path
                        fillRule="evenodd"
                        d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z"
                        clipRule="evenodd"
                      />
                    </svg>
                  </Button>
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      <AuditEventDialog
        event={open}
        actor={open ? describeParty(open.actor, "actor", open, lookups) : null}
        target={open ? describeParty(open.target, "target", open, lookups) : null}
        onClose={() => setOpenId(null)}
        filters={
          filters && {
            onFilterActor: (id) => {
              setOpenId(null);
              filters.onFilterActor(id);
            },
            onFilterTarget: (id) => {
              setOpenId(null);
              filters.onFilterTarget(id);
            },
          }
        }
      />
    </>
  );
}
