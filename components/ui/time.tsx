"use client";

const formatter = (withSeconds: boolean) => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: withSeconds ? "medium" : "short" });

/** A timestamp in the viewer's locale and time zone; the exact UTC time shows on hover. */
export function RelativeTime({
  date,
  fallback = "—",
  withSeconds = false,
}: {
  date: string | Date | null | undefined;
  fallback?: string;
  /** For logs, where events a few seconds apart must read apart. */
  withSeconds?: boolean;
}) {
  if (!date) return <span className="text-slate-400">{fallback}</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return <span className="text-slate-400">{fallback}</span>;
  const iso = d.toISOString();
  return (
    // The server renders in its own locale and zone; the browser's rendering wins.
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {formatter(withSeconds).format(d)}
    </time>
  );
}

/** A log entry's time: the time of day to the second over its date, in the viewer's zone; UTC on hover. */
export function LogTime({ date }: { date: string | null | undefined }) {
  const d = date ? new Date(date) : null;
  if (!d || Number.isNaN(d.getTime())) return <span className="text-slate-400">—</span>;
  const iso = d.toISOString();
  return (
    <time dateTime={iso} title={iso} className="flex flex-col whitespace-nowrap" suppressHydrationWarning>
      <span className="text-slate-800 tabular-nums">{new Intl.DateTimeFormat(undefined, { timeStyle: "medium" }).format(d)}</span>
      <span className="text-xs text-slate-500">{new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(d)}</span>
    </time>
  );
}
