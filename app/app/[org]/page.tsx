import { redirect } from "next/navigation";
import { requireSiteAdmin } from "@/lib/auth/guards";

export default async function OrganizationPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const teamsPath = `/app/${encodeURIComponent(org)}/settings/teams`;
  await requireSiteAdmin(teamsPath);
  redirect(teamsPath);
}
