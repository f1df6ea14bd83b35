"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";
import { useHasExpiredScimToken } from "@/lib/query/scim";

interface NavItem {
  label: string;
  href: string;
  /** Other path prefixes that belong to this item. */
  matches?: (path: string) => boolean;
}

const SCIM_HREF = "/app/admin/scim";

/** Console pages under /app that are not an organization's (names reserved in lib/admin/organizations). */
const NOT_ORGANIZATION = ["/app/admin", "/app/account"];

const SECTIONS: { title: string; items: NavItem[] }[] = [
  {
    title: "Organizations",
    items: [
      {
        label: "Organizations",
        href: "/app/organizations",
        // Organization pages live at /app/{org}/…
        matches: (p) => p.startsWith("/app/") && !NOT_ORGANIZATION.some((prefix) => p === prefix || p.startsWith(`${prefix}/`)),
      },
    ],
  },
  {
    title: "Site Admin",
    items: [
      { label: "SCIM", href: SCIM_HREF },
      { label: "Users", href: "/app/admin/users" },
      { label: "Audit log", href: "/app/admin/audit" },
      { label: "Provisioning activity", href: "/app/admin/scim/activity" },
      { label: "SAML", href: "/app/admin/saml" },
    ],
  },
];

function matches(item: NavItem, path: string) {
  return path === item.href || path.startsWith(`${item.href}/`) || (item.matches?.(path) ?? false);
}

/** The matching item with the longest href wins: /app/admin/scim/activity is not "SCIM". */
function activeHref(path: string) {
  let best: NavItem | null = null;
  for (const item of SECTIONS.flatMap((s) => s.items)) {
    if (matches(item, path) && (!best || item.href.length > best.href.length)) best = item;
  }
  return best?.href ?? null;
}

function WarningIcon({ label }: { label: string }) {
  return (
    <svg role="img" aria-label={label} viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 shrink-0 text-amber-500">
      <title>{label}</title>
      <path
        fillRule="evenodd"
        d="M8.5 2.9a1.7 1.7 0 0 1 3 0l6.3 11.4a1.7 1.7 0 0 1-1.5 2.6H3.7a1.7 1.7 0 0 1-1.5-2.6L8.5 2.9ZM10 7a.8.8 0 0 0-.8.8v3.5a.8.8 0 0 0 1.6 0V7.8A.8.8 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

function NavAnchor({ item, isActive, warning }: { item: NavItem; isActive: boolean; warning: string | null }) {
  return (
    <Link
      href={item.href}
      aria-current={isActive ? "page" : undefined}
      className={cx(
        "flex items-center justify-between gap-2 rounded-md px-3 py-1.5 text-sm font-medium",
        isActive ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      {item.label}
      {warning ? <WarningIcon label={warning} /> : null}
    </Link>
  );
}

export function SidebarNav() {
  const path = usePathname();
  const active = activeHref(path);
  // Cheap: the unpaginated token list, shared with the SCIM page's cache entry.
  const { data: hasExpiredToken } = useHasExpiredScimToken();
  const warnings: Record<string, string | null> = { [SCIM_HREF]: hasExpiredToken ? "A SCIM token has expired" : null };
  return (
    <nav aria-label="Console" className="space-y-6">
      {SECTIONS.map((section) => (
        <div key={section.title}>
          <h2 className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{section.title}</h2>
          <ul className="mt-2 space-y-0.5">
            {section.items.map((item) => {
              const isActive = active === item.href;
              return (
                <li key={item.href}>
                  <NavAnchor item={item} isActive={isActive} warning={warnings[item.href] ?? null} />
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
