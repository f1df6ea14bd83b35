// The audit log (GET /api/v2/admin/audit-events): newest first, filtered by action, actor, target,
// time range, user or reference (request id).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, attrString, expectMany, readPagination, withQuery, type ApiResource, type Paged } from "./api-client";
import { queryKeys, type AuditListParams } from "./keys";

export type AuditOutcome = "success" | "noop" | "failure";

/** Who acted or what was acted on: `{type: "user", id}`, `{type: "scim-token", id}`, `{type: "system", id: null}`… */
export interface AuditParty {
  type: string | null;
  id: string | null;
}

export interface AuditEvent {
  id: string;
  timestamp: string | null;
  action: string;
  actor: AuditParty | null;
  target: AuditParty | null;
  outcome: AuditOutcome | null;
  requestId: string | null;
  /** What changed, as the server recorded it (already redacted). */
  summary: Record<string, unknown>;
}

export interface AuditActionGroup {
  /** The filter value that selects the whole group, ending in ".". */
  prefix: string;
  label: string;
  actions: { action: string; label: string }[];
}

// The closed audit vocabulary of SPEC §14, grouped by prefix for the action filter and labelled for
// people. An action the server sends that is not listed still shows, by its dotted name.
export const AUDIT_ACTION_GROUPS: AuditActionGroup[] = [
  group("scim-user.", "SCIM users", {
    create: "SCIM user created",
    link: "SCIM user linked to an existing user",
    replace: "SCIM user replaced",
    update: "SCIM user updated",
    deactivate: "SCIM user deactivated",
    reactivate: "SCIM user reactivated",
    delete: "SCIM user deleted",
  }),
  group("scim-group.", "SCIM groups", {
    create: "SCIM group created",
    update: "SCIM group updated",
    "members-change": "SCIM group members changed",
    delete: "SCIM group deleted",
  }),
  group("team-link.", "Team sync", {
    create: "Team linked to a SCIM group",
    delete: "Team unlinked from its SCIM group",
    pause: "Team sync paused",
    resume: "Team sync resumed",
  }),
  group("scim-settings.", "SCIM settings", {
    enable: "SCIM provisioning enabled",
    pause: "SCIM provisioning paused",
    resume: "SCIM provisioning resumed",
    disable: "SCIM provisioning disabled",
    "site-admin-group-change": "Site Admin IdP Group changed",
  }),
  group("scim-token.", "SCIM tokens", { create: "SCIM token created", revoke: "SCIM token revoked" }),
  group("user-token.", "API tokens", { create: "API token created", revoke: "API token revoked" }),
  group("site-admin.", "Site admin role", { grant: "Site admin granted", revoke: "Site admin revoked" }),
  group("user.", "Users", { create: "User created", suspend: "User suspended", unsuspend: "User unsuspended", delete: "User deleted" }),
  group("saml-settings.", "SAML", { update: "SAML settings updated" }),
  group("organization.", "Organizations", { create: "Organization created" }),
  group("team.", "Teams", {
    create: "Team created",
    update: "Team renamed",
    delete: "Team deleted",
    "member-add": "Team member added",
    "member-remove": "Team member removed",
  }),
  group("session.", "Sign-in", { "sign-in": "Signed in", "sign-in-failed": "Sign-in failed" }),
  group("setup.", "Setup", { complete: "First site admin created" }),
];

function group(prefix: string, label: string, actions: Record<string, string>): AuditActionGroup {
  return { prefix, label, actions: Object.entries(actions).map(([verb, l]) => ({ action: `${prefix}${verb}`, label: l })) };
}

const ACTION_LABELS = new Map(AUDIT_ACTION_GROUPS.flatMap((g) => g.actions.map((a) => [a.action, a.label] as const)));
const GROUP_LABELS = new Map(AUDIT_ACTION_GROUPS.map((g) => [g.prefix, g.label] as const));

/** "scim-user.create" → "SCIM user created"; "scim-user." → "SCIM users: all events". */
export function auditActionLabel(action: string): string {
  if (action.endsWith(".")) {
    const label = GROUP_LABELS.get(action);
    return label ? `${label}: all events` : action;
  }
  return ACTION_LABELS.get(action) ?? action;
}

function toParty(v: unknown): AuditParty | null {
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  const type = typeof o.type === "string" ? o.type : null;
  const id = typeof o.id === "string" ? o.id : null;
  return type === null && id === null ? null : { type, id };
}

function toOutcome(v: string | null): AuditOutcome | null {
  return v === "success" || v === "noop" || v === "failure" ? v : null;
}

export function toAuditEvent(r: ApiResource): AuditEvent {
  const summary = r.attributes?.summary;
  return {
    id: r.id,
    timestamp: attrString(r, "timestamp"),
    action: attrString(r, "action") ?? "",
    actor: toParty(r.attributes?.actor),
    target: toParty(r.attributes?.target),
    outcome: toOutcome(attrString(r, "outcome")),
    requestId: attrString(r, "request-id"),
    summary: summary && typeof summary === "object" && !Array.isArray(summary) ? (summary as Record<string, unknown>) : {},
  };
}

/** The Roster user an event is about, when the summary names one (SCIM user events carry `userId`). */
export function auditSubjectUserId(e: AuditEvent): string | null {
  if (e.target?.type === "user" && e.target.id) return e.target.id;
  const id = e.summary.userId;
  return typeof id === "string" ? id : null;
}

export async function fetchAuditEvents(p: AuditListParams, signal?: AbortSignal): Promise<Paged<AuditEvent>> {
  const doc = await apiFetch(
    withQuery("/admin/audit-events", {
      "page[number]": p.page,
      "page[size]": p.size,
      "filter[action]": p.action,
      "filter[actor]": p.actor,
      "filter[target]": p.target,
      "filter[since]": p.since,
      "filter[until]": p.until,
      "filter[user]": p.user,
      "filter[request-id]": p.reference,
    }),
    { signal },
  );
  const items = expectMany(doc).map(toAuditEvent);
  return { items, pagination: readPagination(doc, items.length) };
}

export function useAuditEvents(p: AuditListParams) {
  return useQuery({
    queryKey: queryKeys.audit.list(p),
    queryFn: ({ signal }) => fetchAuditEvents(p, signal),
    placeholderData: keepPreviousData,
  });
}
