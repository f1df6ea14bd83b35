import { PageHeader } from "@/components/layout/page-header";
import { AccountDetails } from "@/components/users/account-details";
import { ApiTokensSection } from "./api-tokens-section";

/** Your account: who you are signed in as, and your API tokens. For every signed-in user. */
export function AccountScreen({ userId, isSiteAdmin }: { userId: string; isSiteAdmin: boolean }) {
  return (
    <div className="max-w-5xl">
      <PageHeader title="Your account" description="The account you are signed in with, and the API tokens your scripts use to act as you." />
      <section aria-labelledby="account-details-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="account-details-heading" className="mb-3 text-base font-semibold text-slate-900">
          Account details
        </h2>
        <AccountDetails />
      </section>
      <ApiTokensSection userId={userId} isSiteAdmin={isSiteAdmin} />
    </div>
  );
}
