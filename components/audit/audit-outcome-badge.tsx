import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AuditOutcome } from "@/lib/query/audit";

const OUTCOMES: Record<AuditOutcome, { label: string; tone: BadgeTone }> = {
  success: { label: "Success", tone: "success" },
  noop: { label: "No change", tone: "neutral" },
  failure: { label: "Failed", tone: "danger" },
};

export function AuditOutcomeBadge({ outcome }: { outcome: AuditOutcome | null }) {
  if (!outcome) return <span className="text-slate-400">—</span>;
  const { label, tone } = OUTCOMES[outcome];
  return <Badge tone={tone}>{label}</Badge>;
}
