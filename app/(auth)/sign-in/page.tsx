import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getDb } from "@/lib/db";
import { isSetupOpen } from "@/lib/admin/setup/complete-setup";
import { AuthCard } from "../auth-card";
import { getSamlSettings, isSamlReady } from "@/lib/saml/saml-settings";
import { SignInForm } from "./sign-in-form";
import { SsoButton } from "./sso-button";
import { ssoErrorMessage } from "./sso-messages";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const db = await getDb();
  const [setupOpen, saml] = await Promise.all([isSetupOpen(db), getSamlSettings(db)]);
  const sso = isSamlReady(saml);
  const ssoError = ssoErrorMessage(params.error, params.ref);
  return (
    <AuthCard
      title="Sign in to Roster"
      subtitle={sso ? "Use single sign-on, or the email and password of a local account." : "Use your Roster account email and password."}
    >
      {ssoError ? (
        <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm break-words text-red-800">
          {ssoError}
        </div>
      ) : null}
      {sso ? (
        <div className="mb-5 space-y-4">
          <SsoButton href={`/saml/login?${new URLSearchParams({ callbackUrl })}`} />
          <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" />
            or with a local account
            <span className="h-px flex-1 bg-slate-200" />
          </div>
        </div>
      ) : null}
      {setupOpen ? (
        <div className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No administrator exists yet.{" "}
          <Link href="/setup" className="font-medium underline">
            Create the first site admin
          </Link>
          .
        </div>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} secondary={sso} />
    </AuthCard>
  );
}
