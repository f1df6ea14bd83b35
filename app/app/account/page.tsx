import type { Metadata } from "next";
import { AccountScreen } from "@/components/account/account-screen";
import { requireUser } from "@/lib/auth/guards";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";

export const metadata: Metadata = { title: "Your account" };

// Every signed-in user, site admin or not: the API it reads answers the caller about themselves.
export default async function AccountPage() {
  const user = await requireUser("/app/account");
  return <AccountScreen userId={user.id} isSiteAdmin={isSiteAdmin(user)} />;
}
