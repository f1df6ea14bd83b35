import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ScimState } from "@/lib/query/scim";

const LABELS: Record<ScimState, { label: string; tone: BadgeTone }> = {
  disabled: { label: "Disabled", tone: "neutral" },
  enabled: { label: "Enabled", tone: "success" },
  paused: { label: "Paused", tone: "warning" },
};

export function ScimStateBadge({ state }: { state: ScimState }) {
  const { label, tone } = LABELS[state];
  return <Badge tone={tone}>{label}</Badge>;
}
