"use client";

const formatter = () => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A timestamp in the viewer's locale and time zone; the exact UTC time shows on hover. */
export function RelativeTime({ date, fallback = "—" }: { date: string | Date | null | undefined; fallback?: string }) {
  if (!date) return <span className="text-slate-400">{fallback}</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return <span className="text-slate-400">{fallback}</span>;
  const iso = d.toISOString();
  return (
    // The server renders in its own locale and zone; the browser's rendering wins.
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {formatter().format(d)}
    </time>
  );
}
