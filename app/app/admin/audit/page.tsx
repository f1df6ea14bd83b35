import type { Metadata } from "next";
import { AuditScreen, type AuditSearchParams } from "@/components/audit/audit-screen";
import { requireSiteAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const KEYS = ["action", "actor", "target", "reference", "since", "until", "user"] as const;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireSiteAdmin("/app/admin/audit");
  const params = await searchParams;
  const initial: AuditSearchParams = {};
  for (const key of KEYS) {
    const v = params[key];
    if (typeof v === "string" && v.trim()) initial[key] = v.trim();
  }
  return <AuditScreen initial={initial} />;
}
