import type { Metadata } from "next";
import { OrganizationsScreen } from "@/components/organizations/organizations-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage() {
  await requireSiteAdmin("/app/organizations");
  return <OrganizationsScreen />;
}
