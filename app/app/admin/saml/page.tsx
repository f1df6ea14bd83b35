import type { Metadata } from "next";
import { SamlScreen } from "@/components/saml/saml-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "SAML single sign-on" };

export default async function SamlPage() {
  await requireSiteAdmin("/app/admin/saml");
  return <SamlScreen />;
}
