import { cx } from "./cx";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cx("animate-pulse rounded bg-slate-200", className)} />;
}

/** Placeholder rows for a table while its data loads; announced once as "Loading…". */
export function TableSkeleton({ rows = 5, columns = 3, label = "Loading…" }: { rows?: number; columns?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <span className="sr-only">{label}</span>
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-3">
        <Skeleton className="h-3 w-32" />
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-6 border-b border-slate-100 px-4 py-4 last:border-b-0">
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={cx("h-4", c === 0 ? "w-48" : "w-24")} />
          ))}
        </div>
      ))}
    </div>
  );
}
