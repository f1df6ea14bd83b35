import type { Metadata } from "next";
import { UserScreen } from "@/components/users/user-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Params }) {
  const { id } = await params;
  await requireSiteAdmin(`/app/admin/users/${encodeURIComponent(id)}`);
  return <UserScreen key={id} userId={id} />;
}
