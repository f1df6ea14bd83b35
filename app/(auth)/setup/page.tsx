import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { isSetupOpen } from "@/lib/admin/setup/complete-setup";
import { AuthCard } from "../auth-card";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Roster" };

export default async function SetupPage() {
  if (!(await isSetupOpen(await getDb()))) {
    return (
      <AuthCard title="Setup is complete" subtitle="A site administrator already exists.">
        <Link href="/sign-in" className="text-sm font-medium text-brand-600 hover:underline">
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create the first site admin"
      subtitle="This account signs in with a password and can always be used for recovery, even when SSO is on."
    >
      <SetupForm />
    </AuthCard>
  );
}
