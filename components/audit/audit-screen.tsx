"use client";
import { useEffect, useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useDebounced } from "@/components/ui/use-debounced";
import { errorMessage } from "@/lib/query/api-client";
import { useAuditEvents } from "@/lib/query/audit";
import { useUserLabels } from "@/lib/query/users";
import { AuditEventsTable } from "./audit-events-table";
import { AuditFilters, EMPTY_AUDIT_FILTERS, isoToLocalInput, localInputToIso, type AuditFilterValues } from "./audit-filters";

const PAGE_SIZE = 20;

/** The filters in the address bar, so a filtered view can be shared and survives a reload. */
export interface AuditSearchParams {
  action?: string;
  actor?: string;
  target?: string;
  /** A request id: the reference a user is shown when sign-in failed. */
  reference?: string;
  since?: string;
  until?: string;
  user?: string;
}

function rangeOf(values: AuditFilterValues) {
  const since = localInputToIso(values.since);
  const until = localInputToIso(values.until);
  const error = since && until && since > until ? "The end of the range is before its start." : null;
  return { since: error ? null : since, until: error ? null : until, error };
}

export function AuditScreen({ initial }: { initial: AuditSearchParams }) {
  const [values, setValues] = useState<AuditFilterValues>(() => ({
    action: initial.action ?? "",
    actor: initial.actor ?? "",
    target: initial.target ?? "",
    reference: initial.reference ?? "",
    since: isoToLocalInput(initial.since),
    until: isoToLocalInput(initial.until),
  }));
  const [user, setUser] = useState(initial.user ?? "");
  const [page, setPage] = useState(1);
  const actor = useDebounced(values.actor.trim(), 300);
  const target = useDebounced(values.target.trim(), 300);
  const reference = useDebounced(values.reference.trim(), 300);
  const range = rangeOf(values);

  const applied = {
    action: values.action || undefined,
    actor: actor || undefined,
    target: target || undefined,
    reference: reference || undefined,
    since: range.since ?? undefined,
    until: range.until ?? undefined,
    user: user || undefined,
  };
  const query = useAuditEvents({ page, size: PAGE_SIZE, ...applied });
  const isFiltered = Object.values(applied).some(Boolean);
  const userLabel = useUserLabels([user]).get(user);

  const qs = new URLSearchParams(Object.entries(applied).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  useEffect(() => {
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, "", url);
  }, [qs]);

  const change = (patch: Partial<AuditFilterValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setPage(1);
  };
  const clear = () => {
    setValues(EMPTY_AUDIT_FILTERS);
    setUser("");
    setPage(1);
  };

  let body;
  if (query.isPending) body = <TableSkeleton rows={6} columns={5} label="Loading audit events…" />;
  else if (query.isError)
    body = <ErrorState title="Audit events could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />;
  else if (query.data.items.length === 0)
    body = isFiltered ? (
      <EmptyState
        title="No events match these filters"
        description="Widen the time range, choose another action, or check the actor and target ids and the reference. They must match exactly."
        action={
          <Button variant="secondary" onClick={clear}>
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        title="No audit events yet"
        description="Events appear here when someone signs in, changes settings, or when your identity provider provisions users and groups through SCIM."
      />
    );
  else
    body = (
      <>
        <AuditEventsTable
          events={query.data.items}
          caption={isFiltered ? "Audit events matching the filters" : "Audit events"}
          filters={{ onFilterActor: (id) => change({ actor: id }), onFilterTarget: (id) => change({ target: id }) }}
        />
        <Pagination pagination={query.data.pagination} onPageChange={setPage} nouns={["event", "events"]} isFetching={query.isFetching} />
      </>
    );

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Site Admin" }, { label: "Audit log" }]}
        title="Audit log"
        description="Every change made in Roster, by administrators, by users and by your identity provider through SCIM, newest first. Events cannot be edited or deleted."
      />
      <AuditFilters values={values} onChange={change} onClear={clear} rangeError={range.error} />
      {user ? (
        <Alert className="mb-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
          <span>
            Showing events about or by{" "}
            <span className="font-medium">{userLabel?.email ?? <code className="font-mono text-xs">{user}</code>}</span>.
          </span>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setUser("");
              setPage(1);
            }}
          >
            Show events about everyone
          </Button>
          </div>
        </Alert>
      ) : null}
      {body}
    </>
  );
}
