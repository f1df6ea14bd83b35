import Link from "next/link";

export interface Crumb {
  label: string;
  href?: string;
}

/** The path to the current page; the last crumb is the page itself. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2">
      <ol className="flex flex-wrap items-center gap-1.5 text-sm text-slate-500">
        {items.map((c, i) => {
          const isLast = i === items.length - 1;
          return (
            <li key={`${i}-${c.label}`} className="flex items-center gap-1.5">
              {c.href && !isLast ? (
                <Link href={c.href} className="hover:text-slate-800 hover:underline">
                  {c.label}
                </Link>
              ) : (
                <span aria-current={isLast ? "page" : undefined} className={isLast ? "font-medium text-slate-700" : undefined}>
                  {c.label}
                </span>
              )}
              {isLast ? null : (
                <span aria-hidden className="text-slate-400">
                  ›
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
