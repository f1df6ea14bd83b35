import type { Metadata } from "next";
import { ScimScreen } from "@/components/scim/scim-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "SCIM provisioning" };

export default async function ScimPage() {
  await requireSiteAdmin("/app/admin/scim");
  return <ScimScreen />;
}
