import Link from "next/link";
import type { ReactNode } from "react";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

/** Top bar, the Site Admin sidebar (site admins only) and the main column. */
export function ConsoleShell({ email, isSiteAdmin, children }: { email: string; isSiteAdmin: boolean; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4 sm:px-6">
        <Link href="/app" className="flex items-center gap-2">
          <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">
            R
          </span>
          <span className="text-base font-semibold tracking-tight">Roster</span>
          {isSiteAdmin ? <span className="hidden text-sm text-slate-500 sm:inline">Site Admin</span> : null}
        </Link>
        <UserMenu email={email} isSiteAdmin={isSiteAdmin} />
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        {isSiteAdmin ? (
          <aside className="border-b border-slate-200 bg-white px-3 py-4 md:w-56 md:shrink-0 md:border-r md:border-b-0 md:py-6">
            <SidebarNav />
          </aside>
        ) : null}
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-8 sm:py-8">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
