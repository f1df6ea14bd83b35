import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/time";
import type { TokenExpiry } from "@/lib/query/tokens";

export function TokenExpiryBadge({ expiry }: { expiry: TokenExpiry }) {
  if (expiry.status === "expired") return <Badge tone="danger">Expired</Badge>;
  if (expiry.status === "expiring") return <Badge tone="warning">{expiry.days === 1 ? "Expires in 1 day" : `Expires in ${expiry.days} days`}</Badge>;
  return null;
}

/** The expiry date with its badge under it, for the tokens table (one line would crowd the others). */
export function TokenExpiryCell({ expiredAt, expiry }: { expiredAt: string | null; expiry: TokenExpiry }) {
  return (
    <span className="flex flex-col items-start gap-1 whitespace-nowrap">
      <RelativeTime date={expiredAt} fallback="Never" />
      <TokenExpiryBadge expiry={expiry} />
    </span>
  );
}
