import type { Metadata } from "next";
import { UsersScreen } from "@/components/users/users-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requireSiteAdmin("/app/admin/users");
  return <UsersScreen />;
}
