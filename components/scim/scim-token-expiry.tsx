import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/time";
import type { TokenExpiry } from "@/lib/query/scim";

export function TokenExpiryBadge({ expiry }: { expiry: TokenExpiry }) {
  if (expiry.status === "expired") return <Badge tone="danger">Expired</Badge>;
  if (expiry.status === "expiring") return <Badge tone="warning">{expiry.days === 1 ? "Expires in 1 day" : `Expires in ${expiry.days} days`}</Badge>;
  return null;
}

/** The expiry date with its badge, for the tokens table. */
export function TokenExpiryCell({ expiredAt, expiry }: { expiredAt: string | null; expiry: TokenExpiry }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <RelativeTime date={expiredAt} fallback="Never" />
      <TokenExpiryBadge expiry={expiry} />
    </span>
  );
}
