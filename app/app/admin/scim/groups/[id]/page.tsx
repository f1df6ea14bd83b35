import type { Metadata } from "next";
import { ScimGroupScreen } from "@/components/scim/scim-group-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "SCIM group" };

export default async function ScimGroupPage({ params }: { params: Params }) {
  const { id } = await params;
  await requireSiteAdmin(`/app/admin/scim/groups/${encodeURIComponent(id)}`);
  return <ScimGroupScreen key={id} groupId={id} />;
}
