"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/time";
import { auditActionLabel, type AuditEvent } from "@/lib/query/audit";
import { AuditOutcomeBadge } from "./audit-outcome-badge";
import type { PartyView } from "./audit-party";

export interface AuditEventFilterActions {
  /** Narrows the log to events by this actor / about this target. */
  onFilterActor: (id: string) => void;
  onFilterTarget: (id: string) => void;
}

function PartyDetails({ view }: { view: PartyView | null }) {
  if (!view) return <span className="text-slate-400">None</span>;
  return (
    <span className="flex flex-col gap-0.5">
      <span>
        {view.typeLabel}
        {view.name ? (
          <>
            {": "}
            {view.href ? (
              <Link href={view.href} className="font-medium text-brand-700 hover:underline">
                {view.name}
              </Link>
            ) : (
              <span className="font-medium text-slate-900">{view.name}</span>
            )}
          </>
        ) : null}
      </span>
      {view.id ? <code className="font-mono text-xs break-all text-slate-600">{view.id}</code> : null}
    </span>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </>
  );
}

/** One event in full: who, what, the request id to quote, and the recorded (redacted) summary. */
export function AuditEventDialog({
  event,
  actor,
  target,
  onClose,
  filters,
}: {
  event: AuditEvent | null;
  actor: PartyView | null;
  target: PartyView | null;
  onClose: () => void;
  filters?: AuditEventFilterActions;
}) {
  const summary = event ? JSON.stringify(event.summary, null, 2) : "";
  const isEmpty = event ? Object.keys(event.summary).length === 0 : true;
  const actorId = event?.actor?.id ?? null;
  const targetId = event?.target?.id ?? null;
  return (
    <Dialog
      open={event !== null}
      onClose={onClose}
      title={event ? auditActionLabel(event.action) : "Audit event"}
      description={event ? <RelativeTime date={event.timestamp} withSeconds /> : null}
      footer={
        <>
          {filters && actorId ? (
            <Button variant="secondary" onClick={() => filters.onFilterActor(actorId)}>
              Events by this actor
            </Button>
          ) : null}
          {filters && targetId ? (
            <Button variant="secondary" onClick={() => filters.onFilterTarget(targetId)}>
              Events for this target
            </Button>
          ) : null}
          {!filters && event ? (
            <Link href={`/app/admin/audit?action=${encodeURIComponent(event.action)}`} className={buttonClasses({ variant: "secondary" })}>
              All “{auditActionLabel(event.action)}” events
            </Link>
          ) : null}
          <Button data-autofocus onClick={onClose}>
            Close
          </Button>
        </>
      }
    >
      {event ? (
        <div className="space-y-4">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2.5 text-sm">
            <Row term="Action">
              <code className="font-mono text-xs">{event.action}</code>
            </Row>
            <Row term="Outcome">
              <AuditOutcomeBadge outcome={event.outcome} />
            </Row>
            <Row term="Time (UTC)">
              <code className="font-mono text-xs">{event.timestamp ?? "—"}</code>
            </Row>
            <Row term="Actor">
              <PartyDetails view={actor} />
            </Row>
            <Row term="Target">
              <PartyDetails view={target} />
            </Row>
            <Row term="Reference">
              {event.requestId ? <code className="font-mono text-xs break-all">{event.requestId}</code> : <span className="text-slate-400">—</span>}
            </Row>
          </dl>
          <div>
            <h3 className="text-sm font-medium text-slate-700">Summary</h3>
            <p className="mb-1.5 text-xs text-slate-500">What changed, as recorded. Secrets are never recorded.</p>
            {isEmpty ? (
              <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-500">Nothing else was recorded for this event.</p>
            ) : (
              <pre
                aria-label="Event summary"
                tabIndex={0}
                className="max-h-64 overflow-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs leading-relaxed text-slate-800"
              >
                {summary}
              </pre>
            )}
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
