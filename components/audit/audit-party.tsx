"use client";
import Link from "next/link";
import type { AuditEvent, AuditParty } from "@/lib/query/audit";
import type { ScimToken } from "@/lib/query/scim";
import type { User } from "@/lib/query/users";

const TYPE_LABELS: Record<string, string> = {
  user: "User",
  "scim-token": "SCIM token",
  "scim-user": "SCIM user",
  "scim-group": "SCIM group",
  "scim-settings": "SCIM settings",
  "saml-settings": "SAML settings",
  "user-token": "API token",
  "authentication-token": "API token",
  team: "Team",
  organization: "Organization",
  system: "System",
};

export const partyTypeLabel = (type: string | null) => (type ? (TYPE_LABELS[type] ?? type) : "Unknown");

/** What the console knows about the ids in a page of events. */
export interface PartyLookups {
  /** Roster users by id; null = looked up and not found (deleted). */
  users: Map<string, User | null>;
  tokens: Map<string, ScimToken>;
}

export interface PartyView {
  typeLabel: string;
  /** A name for people: an email, a description, a group's name; null when only the id is known. */
  name: string | null;
  id: string | null;
  href: string | null;
}

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/**
 * How an actor or target reads in the log. Names come from the users and tokens the console can
 * look up, or from the event's own summary (which the server records for SCIM users and groups).
 */
export function describeParty(party: AuditParty | null, role: "actor" | "target", event: AuditEvent, lookups: PartyLookups): PartyView | null {
  if (!party || (party.type === null && party.id === null)) return null;
  const { type, id } = party;
  const view: PartyView = { typeLabel: partyTypeLabel(type), name: null, id, href: null };
  const s = event.summary;
  switch (type) {
    case "system":
      return { ...view, name: "Roster", id: null };
    case "user": {
      if (!id) return view;
      const user = lookups.users.get(id);
      return { ...view, name: user?.email ?? (role === "target" ? text(s.email) : null), href: user === null ? null : `/app/admin/users/${encodeURIComponent(id)}` };
    }
    case "scim-token":
      return { ...view, name: (id && lookups.tokens.get(id)?.description) || (role === "target" ? text(s.description) : null) };
    case "scim-user": {
      if (role !== "target") return view;
      const userId = text(s.userId);
      const user = userId ? lookups.users.get(userId) : undefined;
      return { ...view, name: text(s.userName) ?? user?.email ?? null, href: userId && user !== null ? `/app/admin/users/${encodeURIComponent(userId)}` : null };
    }
    case "scim-group":
      return {
        ...view,
        name: role === "target" ? text(s.displayName) : null,
        href: id && event.action !== "scim-group.delete" ? `/app/admin/scim/groups/${encodeURIComponent(id)}` : null,
      };
    case "team":
      return { ...view, name: role === "target" ? (text(s.name) ?? text(s.to)) : null };
    case "organization":
      return { ...view, name: id, id: null, href: id ? `/app/${encodeURIComponent(id)}/settings/teams` : null };
    case "scim-settings":
      return { ...view, name: "SCIM provisioning", id: null, href: "/app/admin/scim" };
    case "saml-settings":
      return { ...view, name: "SAML single sign-on", id: null, href: "/app/admin/saml" };
    default:
      return view;
  }
}

/** One actor or target in a table cell: its name (linked when it has a page), its kind and id. */
export function AuditPartyCell({ view }: { view: PartyView | null }) {
  if (!view) return <span className="text-slate-400">—</span>;
  const primary = view.name ?? view.id ?? view.typeLabel;
  return (
    <span className="flex min-w-0 flex-col">
      {view.href ? (
        <Link href={view.href} className="truncate font-medium text-brand-700 hover:underline">
          {primary}
        </Link>
      ) : (
        <span className={view.name ? "truncate font-medium text-slate-900" : "truncate font-mono text-xs text-slate-700"}>{primary}</span>
      )}
      <span className="truncate text-xs text-slate-500">
        {view.typeLabel}
        {view.name && view.id ? (
          <>
            {" · "}
            <span className="font-mono" title={view.id}>
              {view.id.length > 13 ? `${view.id.slice(0, 8)}…` : view.id}
            </span>
          </>
        ) : null}
      </span>
    </span>
  );
}
