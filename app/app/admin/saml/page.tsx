import type { Metadata } from "next";
import { SamlScreen } from "@/components/saml/saml-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { openTestReport } from "@/lib/saml/sso-tokens";

export const metadata: Metadata = { title: "SAML single sign-on" };

export default async function SamlPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSiteAdmin("/app/admin/saml");
  // A "Test sign-in" comes back here with its report, sealed by /saml/finish or /saml/acs.
  const testReport = openTestReport(env().AUTH_SECRET, (await searchParams).test, new Date());
  return <SamlScreen testReport={testReport} />;
}
