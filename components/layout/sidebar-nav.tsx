"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

interface NavItem {
  label: string;
  href: string;
  /** Other path prefixes that belong to this item. */
  matches?: (path: string) => boolean;
  /** Shown but not yet reachable: the page ships with a later release. */
  comingSoon?: boolean;
}

const ADMIN_PREFIX = "/app/admin";

const SECTIONS: { title: string; items: NavItem[] }[] = [
  {
    title: "Organizations",
    items: [
      {
        label: "Organizations",
        href: "/app/organizations",
        // Organization pages live at /app/{org}/…
        matches: (p) => p.startsWith("/app/") && !p.startsWith(`${ADMIN_PREFIX}/`) && p !== ADMIN_PREFIX,
      },
    ],
  },
  {
    title: "Site Admin",
    items: [
      { label: "SCIM", href: "/app/admin/scim", comingSoon: true },
      { label: "Users", href: "/app/admin/users" },
      { label: "Audit log", href: "/app/admin/audit", comingSoon: true },
    ],
  },
];

function isActive(item: NavItem, path: string) {
  return path === item.href || path.startsWith(`${item.href}/`) || (item.matches?.(path) ?? false);
}

export function SidebarNav() {
  const path = usePathname();
  return (
    <nav aria-label="Console" className="space-y-6">
      {SECTIONS.map((section) => (
        <div key={section.title}>
          <h2 className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{section.title}</h2>
          <ul className="mt-2 space-y-0.5">
            {section.items.map((item) => {
              const active = isActive(item, path);
              if (item.comingSoon) {
                return (
                  <li key={item.href}>
                    <span
                      aria-disabled="true"
                      title="Available in an upcoming release"
                      className="flex items-center justify-between rounded-md px-3 py-1.5 text-sm font-medium text-slate-400"
                    >
                      {item.label}
                      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-slate-500 uppercase">
                        Soon
                      </span>
                    </span>
                  </li>
                );
              }
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={cx(
                      "block rounded-md px-3 py-1.5 text-sm font-medium",
                      active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
