import type { Metadata } from "next";
import { ActivityScreen, type ActivitySearchParams } from "@/components/audit/activity-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Provisioning activity" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const KEYS = ["window", "status", "method", "resource", "token"] as const;

export default async function ProvisioningActivityPage({ searchParams }: { searchParams: SearchParams }) {
  await requireSiteAdmin("/app/admin/scim/activity");
  const params = await searchParams;
  const initial: ActivitySearchParams = {};
  for (const key of KEYS) {
    const v = params[key];
    if (typeof v === "string" && v.trim()) initial[key] = v.trim();
  }
  return <ActivityScreen initial={initial} />;
}
