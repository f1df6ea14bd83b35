import type { ReactNode } from "react";

/**
 * The top of a section inside a page: its heading (the section's accessible name, by `headingId`),
 * a sentence about it and, on the right, its own actions.
 */
export function SectionHeader({ headingId, title, description, children }: { headingId: string; title: string; description: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-3 flex flex-wrap items-end justify-between gap-4">
      <div className="max-w-2xl">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">{description}</p>
      </div>
      {children}
    </div>
  );
}
