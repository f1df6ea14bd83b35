import { Badge } from "@/components/ui/badge";
import type { SiteAdminSource, User } from "@/lib/query/users";

export const SITE_ADMIN_SOURCE_LABELS: Record<SiteAdminSource, string> = {
  manual: "Manual",
  scim: "SCIM",
  both: "Manual and SCIM",
};

export function UserStatusBadge({ user }: { user: Pick<User, "isSuspended"> }) {
  return user.isSuspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>;
}

export function SiteAdminCell({ user }: { user: Pick<User, "isSiteAdmin" | "siteAdminSource"> }) {
  if (!user.isSiteAdmin) return <span className="text-slate-400">No</span>;
  return (
    <span className="flex items-center gap-2">
      <Badge tone="info">Site admin</Badge>
      {user.siteAdminSource ? <span className="text-xs text-slate-500">{SITE_ADMIN_SOURCE_LABELS[user.siteAdminSource]}</span> : null}
    </span>
  );
}

/** Whether the identity provider manages the user, with the SCIM userName it knows them by. */
export function ScimManagedCell({ user }: { user: Pick<User, "isScimManaged" | "scimUsername"> }) {
  if (!user.isScimManaged) return <span className="text-slate-400">Not managed</span>;
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Badge tone="info">Managed</Badge>
      {user.scimUsername ? (
        <span className="block max-w-48 truncate text-xs text-slate-600" title={user.scimUsername}>
          {user.scimUsername}
        </span>
      ) : null}
    </span>
  );
}
