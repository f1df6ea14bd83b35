import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getDb } from "@/lib/db";
import { isSetupOpen } from "@/lib/admin/setup/complete-setup";
import { AuthCard } from "../auth-card";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const setupOpen = await isSetupOpen(await getDb());
  return (
    <AuthCard title="Sign in to Roster" subtitle="Use your Roster account email and password.">
      {setupOpen ? (
        <div className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No administrator exists yet.{" "}
          <Link href="/setup" className="font-medium underline">
            Create the first site admin
          </Link>
          .
        </div>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
