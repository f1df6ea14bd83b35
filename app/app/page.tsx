import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { AccountDetails } from "@/components/users/account-details";
import { requireUser } from "@/lib/auth/guards";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";

export const metadata: Metadata = { title: "Console" };

export default async function ConsoleHome() {
  const user = await requireUser("/app");
  if (isSiteAdmin(user)) redirect("/app/organizations");
  return (
    <div className="max-w-2xl">
      <PageHeader
        title="You don't have access to the site admin console"
        description="The console is for site administrators. If you need to manage organizations, teams or SCIM provisioning, ask a site administrator to grant you the role."
      />
      <section aria-labelledby="account-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="account-heading" className="mb-4 text-base font-semibold">
          Your account
        </h2>
        <AccountDetails />
        <p className="mt-5 border-t border-slate-100 pt-4 text-sm text-slate-600">
          Scripts can call Roster&apos;s API as you with an API token.{" "}
          {/* Not prefetched: the prefetch answers with a refreshed session cookie, which can land after
              this tab's cookies were cleared and bring the session back (e2e/ui/sso.spec.ts). */}
          <Link href="/app/account#api-tokens" prefetch={false} className="font-medium text-brand-700 hover:underline">
            Manage your API tokens
          </Link>
        </p>
      </section>
    </div>
  );
}
