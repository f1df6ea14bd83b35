import type { Metadata } from "next";
import { TeamsScreen } from "@/components/teams/teams-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

type Params = Promise<{ org: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org } = await params;
  return { title: `Teams · ${org}` };
}

export default async function TeamsPage({ params }: { params: Params }) {
  const { org } = await params;
  await requireSiteAdmin(`/app/${encodeURIComponent(org)}/settings/teams`);
  return <TeamsScreen organization={org} />;
}
