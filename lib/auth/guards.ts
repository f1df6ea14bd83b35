// Guards for pages and server actions. Each page and action calls one itself; proxy.ts is only a
// convenience redirect.
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";

export { safeCallbackPath } from "@/lib/auth/callback-path";

export async function requireUser(callbackPath: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

/** Site-admin pages: anonymous → sign-in; signed-in non-admin → 404 like the API. */
export async function requireSiteAdmin(callbackPath: string) {
  const user = await requireUser(callbackPath);
  if (!isSiteAdmin(user)) {
    const { notFound } = await import("next/navigation");
    notFound();
  }
  return user;
}
