// Guards for pages and server actions. Each page and action calls one itself; proxy.ts is only a
// convenience redirect.
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";

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

/** Only same-site relative paths are followed after sign-in. */
export function safeCallbackPath(raw: unknown, fallback = "/app") {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}
