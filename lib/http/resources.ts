// Row → JSON:API resource mappers for the admin API (kebab-case attributes, ISO-8601 UTC).
import type { AuditEventRow, OrganizationRow, SamlSettingsRow, UserRow } from "@/db/schema";
import type { ActivityRowView, SeriesPoint } from "@/lib/audit/activity-queries";
import type { ScimSettingsView } from "@/lib/scim/settings/scim-settings";
import { spUrls } from "@/lib/saml/sp-urls";
import { inspectCertificate } from "@/lib/saml/certificate";
import type { TeamView } from "@/lib/admin/teams/teams";
import type { AdminGroupMember, AdminGroupView } from "@/lib/scim/groups/admin-groups";
import { isSiteAdmin, siteAdminSource } from "@/lib/admin/users/user-queries";
import type { ResourceObject } from "@/lib/http/jsonapi";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface UserScimInfo {
  scimUserName: string | null;
  scimUpdatedAt: Date | null;
}

export function userResource(user: UserRow, scim: UserScimInfo | null, scimEnabled: boolean): ResourceObject {
  const attributes: Record<string, unknown> = {
    username: user.username,
    email: user.email,
    "is-suspended": user.suspendedAt !== null,
    "is-site-admin": isSiteAdmin(user),
    "site-admin-source": siteAdminSource(user),
    "has-password": user.passwordHash !== null,
    "created-at": iso(user.createdAt),
  };
  if (scimEnabled) {
    attributes["is-scim-managed"] = Boolean(scim?.scimUserName);
    attributes["scim-username"] = scim?.scimUserName ?? null;
    attributes["scim-updated-at"] = iso(scim?.scimUpdatedAt);
  }
  return { id: user.id, type: "users", attributes };
}

export function organizationResource(org: OrganizationRow): ResourceObject {
  return {
    id: org.name,
    type: "organizations",
    attributes: { name: org.name, email: org.email, "created-at": iso(org.createdAt) },
  };
}

export function teamResource(view: TeamView, scimEnabled: boolean): ResourceObject {
  const { team, memberIds, link } = view;
  const attributes: Record<string, unknown> = {
    name: team.name,
    "is-owners": team.isOwners,
    "users-count": memberIds.length,
    "created-at": iso(team.createdAt),
  };
  if (scimEnabled) {
    attributes["scim-linked"] = link !== null;
    attributes["scim-group-id"] = link?.scimGroupId ?? null;
    attributes["scim-group-name"] = link?.groupName ?? null;
    attributes["scim-updated-at"] = iso(link?.syncedAt);
    attributes["scim-sync-paused"] = link?.syncPaused ?? false;
  }
  return {
    id: team.id,
    type: "teams",
    attributes,
    relationships: {
      organization: { data: { id: team.organizationName, type: "organizations" } },
      users: { data: memberIds.map((id) => ({ id, type: "users" })) },
    },
  };
}

/** User API tokens and SCIM tokens share the `authentication-tokens` shape. */
export function tokenResource(
  token: { id: string; description: string | null; createdAt: Date; expiredAt: Date; lastUsedAt: Date | null },
  secret: string | null = null,
): ResourceObject {
  return {
    id: token.id,
    type: "authentication-tokens",
    attributes: {
      description: token.description,
      token: secret,
      "created-at": iso(token.createdAt),
      "expired-at": iso(token.expiredAt),
      "last-used-at": iso(token.lastUsedAt),
    },
  };
}

export function scimSettingsResource(view: ScimSettingsView, baseUrl: string): ResourceObject {
  return {
    id: "scim",
    type: "scim-settings",
    attributes: {
      enabled: view.enabled,
      paused: view.paused,
      "site-admin-group-scim-id": view.siteAdminGroupId,
      "site-admin-group-display-name": view.siteAdminGroupDisplayName,
      "scim-base-url": baseUrl,
    },
  };
}

/** `origin` is the public origin: the service-provider URLs an admin pastes into the IdP. */
export function samlSettingsResource(row: SamlSettingsRow, origin: string): ResourceObject {
  const sp = spUrls(origin);
  const cert = row.certificate ? inspectCertificate(row.certificate) : null;
  const info = cert?.ok ? cert.info : null;
  return {
    id: "saml",
    type: "saml-settings",
    attributes: {
      enabled: row.enabled,
      "provider-type": row.providerType,
      "idp-entity-id": row.idpEntityId,
      "sso-url": row.ssoUrl,
      certificate: row.certificate,
      "idp-initiated-enabled": row.idpInitiatedEnabled,
      "certificate-subject": info?.subject ?? null,
      "certificate-expires-at": iso(info?.validTo),
      "sp-entity-id": sp.entityId,
      "sp-acs-url": sp.acsUrl,
      "sp-metadata-url": sp.entityId,
    },
  };
}

export function scimGroupResource(group: AdminGroupView, members?: AdminGroupMember[]): ResourceObject {
  return {
    id: group.id,
    type: "scim-groups",
    attributes: {
      name: group.name,
      "external-id": group.externalId,
      "member-count": group.memberCount,
      "linked-team-count": group.linkedTeamCount,
      "is-site-admin-group": group.isSiteAdminGroup,
      "linked-teams": group.linkedTeams.map((t) => ({ id: t.id, name: t.name, "organization-name": t.organizationName })),
      ...(members
        ? { members: members.map((m) => ({ "user-id": m.userId, "scim-id": m.identityId, "user-name": m.userName, email: m.email, active: m.active })) }
        : {}),
    },
  };
}

export function auditEventResource(e: AuditEventRow): ResourceObject {
  return {
    id: String(e.id),
    type: "audit-events",
    attributes: {
      timestamp: iso(e.occurredAt),
      action: e.action,
      actor: { type: e.actorType, id: e.actorId },
      target: { type: e.targetType, id: e.targetId },
      outcome: e.outcome,
      "request-id": e.requestId,
      summary: e.summary,
    },
  };
}

export function scimRequestResource(r: ActivityRowView): ResourceObject {
  return {
    id: String(r.id),
    type: "scim-requests",
    attributes: {
      timestamp: iso(r.occurredAt),
      method: r.method,
      path: r.path,
      status: r.status,
      "scim-type": r.scimType,
      "duration-ms": r.durationMs,
      "token-id": r.tokenId,
      "request-id": r.requestId,
      "resource-type": r.resourceType,
      "resource-id": r.resourceId,
      "user-id": r.userId,
    },
  };
}

export const seriesMeta = (points: SeriesPoint[]) => points.map((p) => ({ minute: iso(p.minute), "2xx": p["2xx"], "4xx": p["4xx"], "5xx": p["5xx"] }));
