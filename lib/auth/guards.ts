// Guards for pages and server actions. Each page and action calls one itself; proxy.ts is only a
// convenience redirect.
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";

import { REQUEST_PATH_HEADER, safeCallbackPath } from "@/lib/auth/callback-path";

export { safeCallbackPath };

/** The console page this request is for (proxy.ts names it), for layouts that have no path. */
export async function requestedPagePath(fallback = "/app") {
  const { headers } = await import("next/headers");
  return safeCallbackPath((await headers()).get(REQUEST_PATH_HEADER), fallback);
}

/** Signed in, or off to sign in and back to the page asked for (its query included when known). */
export async function requireUser(callbackPath: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(await requestedPagePath(callbackPath))}`);
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
