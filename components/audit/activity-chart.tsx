"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { ActivityMinute, StatusClass } from "@/lib/query/activity";

const SERIES: { key: StatusClass; label: string; color: string }[] = [
  { key: "2xx", label: "2xx success", color: "#10b981" },
  { key: "4xx", label: "4xx client error", color: "#f59e0b" },
  { key: "5xx", label: "5xx server error", color: "#dc2626" },
];

const CHART_HEIGHT = 220;

interface Point {
  t: number;
  "2xx": number;
  "4xx": number;
  "5xx": number;
}

const timeOfDay = (t: number) => new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" }).format(t);
const fullTime = (t: number) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(t);

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function activityTotals(series: ActivityMinute[]) {
  const totals = { "2xx": 0, "4xx": 0, "5xx": 0, all: 0, busiest: null as { minute: string; count: number } | null };
  for (const p of series) {
    const count = p["2xx"] + p["4xx"] + p["5xx"];
    totals["2xx"] += p["2xx"];
    totals["4xx"] += p["4xx"];
    totals["5xx"] += p["5xx"];
    totals.all += count;
    if (count > 0 && (!totals.busiest || count > totals.busiest.count)) totals.busiest = { minute: p.minute, count };
  }
  return totals;
}

/** The chart in one sentence, for screen readers and for anyone who prefers numbers. */
export function activitySummary(series: ActivityMinute[], windowLabel: string) {
  const t = activityTotals(series);
  if (t.all === 0) return `No SCIM requests in ${windowLabel}.`;
  const parts = [`${plural(t["2xx"], "succeeded", "succeeded")} (2xx)`, `${plural(t["4xx"], "client error", "client errors")} (4xx)`, `${plural(t["5xx"], "server error", "server errors")} (5xx)`];
  const busiest = t.busiest ? ` Busiest minute: ${fullTime(Date.parse(t.busiest.minute))} with ${plural(t.busiest.count, "request", "requests")}.` : "";
  return `${plural(t.all, "SCIM request", "SCIM requests")} in ${windowLabel}: ${parts.join(", ")}.${busiest}`;
}

function ChartTooltip({ active, payload }: TooltipContentProps) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  const total = point["2xx"] + point["4xx"] + point["5xx"];
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg">
      <p className="font-medium text-slate-900">{fullTime(point.t)}</p>
      <p className="mb-1 text-slate-500">{plural(total, "request", "requests")}</p>
      {SERIES.map((s) => (
        <p key={s.key} className="flex items-center gap-2 text-slate-700">
          <span aria-hidden className="h-2 w-2 rounded-sm" style={{ backgroundColor: s.color }} />
          {s.label}: <span className="font-medium tabular-nums">{point[s.key]}</span>
        </p>
      ))}
    </div>
  );
}

/** Requests per minute, stacked by status class. */
export function ActivityChart({ series, windowLabel }: { series: ActivityMinute[]; windowLabel: string }) {
  const data: Point[] = series.map((p) => ({ t: Date.parse(p.minute), "2xx": p["2xx"], "4xx": p["4xx"], "5xx": p["5xx"] }));
  const summary = activitySummary(series, windowLabel);
  return (
    <figure className="m-0">
      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden>
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1.5">
            <span className="h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: s.color }} />
            {s.label}
          </span>
        ))}
      </div>
      <div style={{ height: CHART_HEIGHT }} data-testid="activity-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} title={`SCIM requests per minute in ${windowLabel}, by status class`} desc={summary} margin={{ top: 4, right: 8, bottom: 0, left: -16 }} barCategoryGap="15%">
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="t" tickFormatter={timeOfDay} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={28} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={48} />
            <Tooltip content={ChartTooltip} cursor={{ fill: "#f1f5f9" }} isAnimationActive={false} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="status" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-3 text-sm text-slate-600">
        {summary}
      </figcaption>
    </figure>
  );
}
