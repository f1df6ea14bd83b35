"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { LogTime, RelativeTime } from "@/components/ui/time";
import { ACTIVITY_REFRESH_MS, ACTIVITY_WINDOWS, useScimActivity, type ScimRequest } from "@/lib/query/activity";
import { errorMessage } from "@/lib/query/api-client";
import { useScimSettings, useScimTokens, type ScimToken } from "@/lib/query/scim";
import { useUserLabels, type User } from "@/lib/query/users";
import { ActivityChart } from "./activity-chart";
import { ActivityFilters, ActivityWindowPicker, EMPTY_ACTIVITY_FILTERS, type ActivityFilterValues } from "./activity-filters";
import { ActivityStatusBadge } from "./activity-status-badge";

const PAGE_SIZE = 20;
const DEFAULT_WINDOW = 60;
const SCIM_HREF = "/app/admin/scim";

/** The window and filters in the address bar, so a view can be shared and survives a reload. */
export interface ActivitySearchParams {
  window?: string;
  status?: string;
  method?: string;
  resource?: string;
  token?: string;
}

const shortId = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…` : id);

function ResourceCell({ request, users }: { request: ScimRequest; users: Map<string, User | null> }) {
  const { resourceType, resourceId, userId } = request;
  if (userId) {
    const user = users.get(userId);
    return (
      <span className="flex min-w-0 flex-col">
        <Link href={`/app/admin/users/${encodeURIComponent(userId)}`} className="truncate font-medium text-brand-700 hover:underline">
          {user?.email ?? "SCIM user"}
        </Link>
        {resourceId ? (
          <span className="text-xs text-slate-500">
            User ·{" "}
            <span className="font-mono" title={resourceId}>
              {shortId(resourceId)}
            </span>
          </span>
        ) : null}
      </span>
    );
  }
  if (resourceType && resourceId) {
    return (
      <span className="flex min-w-0 flex-col">
        <span className="text-xs text-slate-500">{resourceType === "Group" ? "Group" : "User (no longer provisioned)"}</span>
        <code className="font-mono text-xs text-slate-800" title={resourceId}>
          {shortId(resourceId)}
        </code>
      </span>
    );
  }
  return <span className="text-slate-400">{resourceType === "Group" ? "Groups" : resourceType === "User" ? "Users" : "—"}</span>;
}

function TokenCell({ tokenId, tokens }: { tokenId: string | null; tokens: Map<string, ScimToken> }) {
  if (!tokenId) return <span className="text-slate-500">No valid token</span>;
  const token = tokens.get(tokenId);
  return (
    <span className="flex min-w-0 flex-col">
      {token ? (
        <span className="truncate text-slate-900" title={token.description ?? undefined}>
          {token.description ?? <span className="text-slate-500 italic">No description</span>}
        </span>
      ) : (
        <span className="text-slate-500">Deleted token</span>
      )}
      <span className="font-mono text-xs text-slate-400" title={tokenId}>
        {shortId(tokenId)}
      </span>
    </span>
  );
}

function readWindow(v: string | undefined) {
  const n = Number(v);
  return ACTIVITY_WINDOWS.some((w) => w.minutes === n) ? n : DEFAULT_WINDOW;
}

export function ActivityScreen({ initial }: { initial: ActivitySearchParams }) {
  const [windowMinutes, setWindowMinutes] = useState(() => readWindow(initial.window));
  const [values, setValues] = useState<ActivityFilterValues>(() => ({
    status: initial.status ?? "",
    method: initial.method?.toUpperCase() ?? "",
    resource: initial.resource === "Users" || initial.resource === "Groups" ? initial.resource : "",
    token: initial.token ?? "",
  }));
  const [page, setPage] = useState(1);
  const windowLabel = ACTIVITY_WINDOWS.find((w) => w.minutes === windowMinutes)?.long ?? "the last hour";

  const query = useScimActivity({
    page,
    size: PAGE_SIZE,
    windowMinutes,
    status: values.status || undefined,
    method: values.method || undefined,
    resource: values.resource || undefined,
    token: values.token || undefined,
  });
  const settings = useScimSettings();
  const tokens = useScimTokens();
  const tokenMap = useMemo(() => new Map((tokens.data ?? []).map((t) => [t.id, t])), [tokens.data]);
  const users = useUserLabels(query.data?.items.map((r) => r.userId) ?? []);
  const isFiltered = Object.values(values).some((v) => v !== "");

  const qs = new URLSearchParams(
    Object.entries({ window: windowMinutes === DEFAULT_WINDOW ? "" : String(windowMinutes), ...values }).filter(([, v]) => v !== ""),
  ).toString();
  useEffect(() => {
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, "", url);
  }, [qs]);

  const change = (patch: Partial<ActivityFilterValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setPage(1);
  };
  const clear = () => {
    setValues(EMPTY_ACTIVITY_FILTERS);
    setPage(1);
  };

  let chart;
  if (query.isPending)
    chart = (
      <div role="status" className="space-y-3">
        <span className="sr-only">Loading the chart…</span>
        <Skeleton className="h-[220px] w-full" />
        <Skeleton className="h-4 w-96" />
      </div>
    );
  else if (query.isError) chart = null;
  else chart = <ActivityChart series={query.data.series} windowLabel={windowLabel} />;

  let table;
  if (query.isPending) table = <TableSkeleton rows={6} columns={6} label="Loading SCIM requests…" />;
  else if (query.isError)
    table = (
      <ErrorState title="Provisioning activity could not be loaded" message={errorMessage(query.error)} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
    );
  else if (query.data.items.length === 0)
    table = isFiltered ? (
      <EmptyState
        title="No requests match these filters"
        description={`Nothing in ${windowLabel} has this status, method, resource and token. Choose a longer time range or clear the filters.`}
        action={
          <Button variant="secondary" onClick={clear}>
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        title={`No SCIM requests in ${windowLabel}`}
        description={
          <>
            Requests appear here when your identity provider calls /scim/v2. If you expected some, check that it uses the SCIM base URL and a valid token from
            the{" "}
            <Link href={SCIM_HREF} className="font-medium text-brand-700 underline underline-offset-2">
              SCIM page
            </Link>
            , or choose a longer time range.
          </>
        }
      />
    );
  else
    table = (
      <>
        <Table caption={`SCIM requests in ${windowLabel}`}>
          <THead>
            <TR>
              <TH>Time</TH>
              <TH>Request</TH>
              <TH>Status</TH>
              <TH>Resource</TH>
              <TH className="text-right">Duration</TH>
              <TH>Token</TH>
            </TR>
          </THead>
          <TBody>
            {query.data.items.map((r) => (
              <TR key={r.id}>
                <TD>
                  <LogTime date={r.timestamp} />
                </TD>
                <TD className="min-w-56">
                  <span className="flex flex-col">
                    <span className="font-mono text-xs break-all text-slate-900">
                      <span className="font-semibold">{r.method}</span> {r.path}
                    </span>
                    {r.requestId ? (
                      <span className="mt-0.5 max-w-60 truncate font-mono text-[11px] text-slate-400" title={`Request ID ${r.requestId} (the X-Request-Id response header)`}>
                        {r.requestId}
                      </span>
                    ) : null}
                  </span>
                </TD>
                <TD>
                  <span className="flex flex-col items-start gap-1">
                    <ActivityStatusBadge status={r.status} />
                    {r.scimType ? <code className="font-mono text-xs text-slate-600">{r.scimType}</code> : null}
                  </span>
                </TD>
                <TD className="max-w-44">
                  <ResourceCell request={r} users={users} />
                </TD>
                <TD className="text-right whitespace-nowrap tabular-nums">{r.durationMs === null ? "—" : `${r.durationMs.toLocaleString()} ms`}</TD>
                <TD className="max-w-40">
                  <TokenCell tokenId={r.tokenId} tokens={tokenMap} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
        <Pagination pagination={query.data.pagination} onPageChange={setPage} nouns={["request", "requests"]} isFetching={query.isFetching} />
      </>
    );

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Site Admin" }, { label: "SCIM", href: SCIM_HREF }, { label: "Provisioning activity" }]}
        title="Provisioning activity"
        description="Every request your identity provider sent to /scim/v2, failures included, so you can see what it changed and which requests Roster refused without opening the identity provider."
      />
      {settings.data && settings.data.state !== "enabled" ? (
        <Alert tone="warning" className="mb-4">
          SCIM provisioning is {settings.data.state === "paused" ? "paused: Roster refuses provisioning requests with 403 until it is resumed" : "disabled: Roster refuses provisioning requests with 403"}.
          Manage it on the{" "}
          <Link href={SCIM_HREF} className="font-medium underline underline-offset-2">
            SCIM page
          </Link>
          .
        </Alert>
      ) : null}

      <section aria-labelledby="activity-chart-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="activity-chart-heading" className="text-base font-semibold text-slate-900">
              Requests per minute
            </h2>
            <p className="text-xs text-slate-500">
              {query.dataUpdatedAt ? (
                <>
                  Updated <RelativeTime date={new Date(query.dataUpdatedAt)} withSeconds /> · refreshes every {ACTIVITY_REFRESH_MS / 1000} seconds
                </>
              ) : query.isError ? (
                "Could not load the activity"
              ) : (
                "Loading…"
              )}
            </p>
          </div>
          <div className="flex items-center gap-2">
            <ActivityWindowPicker
              value={windowMinutes}
              onChange={(m) => {
                setWindowMinutes(m);
                setPage(1);
              }}
            />
            <Button variant="secondary" size="sm" onClick={() => void query.refetch()} isPending={query.isFetching && !query.isPending}>
              Refresh
            </Button>
          </div>
        </div>
        {chart}
        {query.isError ? <p className="text-sm text-slate-500">The chart is unavailable until the activity loads.</p> : null}
      </section>

      <section aria-labelledby="activity-requests-heading">
        <div className="mb-3">
          <h2 id="activity-requests-heading" className="text-lg font-semibold text-slate-900">
            Requests
          </h2>
          <p className="text-sm text-slate-600">
            Newest first, in {windowLabel}. Status, method, resource and token narrow the table; method, resource and token also narrow the chart.
          </p>
        </div>
        <ActivityFilters values={values} tokens={tokens.data ?? []} onChange={change} onClear={clear} />
        {table}
      </section>
    </>
  );
}
