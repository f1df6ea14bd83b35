import type { Metadata } from "next";
import { TeamScreen } from "@/components/teams/team-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

type Params = Promise<{ org: string; teamId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org } = await params;
  return { title: `Team · ${org}` };
}

export default async function TeamPage({ params }: { params: Params }) {
  const { org, teamId } = await params;
  await requireSiteAdmin(`/app/${encodeURIComponent(org)}/settings/teams/${encodeURIComponent(teamId)}`);
  // key: a new team starts with fresh dialog state
  return <TeamScreen key={teamId} organization={org} teamId={teamId} />;
}
