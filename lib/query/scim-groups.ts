// SCIM groups (/api/v2/admin/scim-groups) and the link between a team and one of them
// (/api/v2/admin/teams/{team-id}/scim-group-mapping).
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { apiFetch, attrBool, attrNumber, attrString, expectMany, expectOne, readPagination, withQuery, type ApiResource, type Paged } from "./api-client";
import { queryKeys, type ScimGroupListParams } from "./keys";
import { invalidateTeam } from "./teams";

export interface ScimGroupLinkedTeam {
  id: string;
  name: string;
  organization: string;
}

export interface ScimGroup {
  id: string;
  name: string;
  externalId: string | null;
  memberCount: number;
  linkedTeamCount: number;
  isSiteAdminGroup: boolean;
  linkedTeams: ScimGroupLinkedTeam[];
}

export interface ScimGroupMember {
  userId: string;
  /** The SCIM userName the identity provider sent. */
  userName: string;
  email: string;
  isActive: boolean;
}

export interface ScimGroupDetail extends ScimGroup {
  members: ScimGroupMember[];
}

/** Whether a team can be linked to more members than this (the API answers 413). */
export const MAX_LINKED_GROUP_MEMBERS = 1000;

type Json = Record<string, unknown>;
const str = (o: Json, key: string) => (typeof o[key] === "string" ? (o[key] as string) : null);

function objects(r: ApiResource, key: string): Json[] {
  const v = r.attributes?.[key];
  return Array.isArray(v) ? v.filter((x): x is Json => typeof x === "object" && x !== null) : [];
}

function toLinkedTeam(o: Json): ScimGroupLinkedTeam | null {
  const id = str(o, "id");
  return id ? { id, name: str(o, "name") ?? id, organization: str(o, "organization-name") ?? "" } : null;
}

function toMember(o: Json): ScimGroupMember | null {
  const userId = str(o, "user-id");
  return userId ? { userId, userName: str(o, "user-name") ?? "", email: str(o, "email") ?? "", isActive: o.active === true } : null;
}

function toScimGroup(r: ApiResource): ScimGroup {
  const linkedTeams = objects(r, "linked-teams").flatMap((o) => toLinkedTeam(o) ?? []);
  return {
    id: r.id,
    name: attrString(r, "name") ?? r.id,
    externalId: attrString(r, "external-id"),
    memberCount: attrNumber(r, "member-count") ?? 0,
    linkedTeamCount: attrNumber(r, "linked-team-count") ?? linkedTeams.length,
    isSiteAdminGroup: attrBool(r, "is-site-admin-group"),
    linkedTeams,
  };
}

function toScimGroupDetail(r: ApiResource): ScimGroupDetail {
  return { ...toScimGroup(r), members: objects(r, "members").flatMap((o) => toMember(o) ?? []) };
}

const GROUPS_PATH = "/admin/scim-groups";
const mappingPath = (teamId: string) => `/admin/teams/${encodeURIComponent(teamId)}/scim-group-mapping`;

export async function fetchScimGroups(p: ScimGroupListParams, signal?: AbortSignal): Promise<Paged<ScimGroup>> {
  const doc = await apiFetch(withQuery(GROUPS_PATH, { q: p.q.trim(), "page[number]": p.page, "page[size]": p.size }), { signal });
  const items = expectMany(doc).map(toScimGroup);
  return { items, pagination: readPagination(doc, items.length) };
}

export async function fetchScimGroup(id: string, signal?: AbortSignal): Promise<ScimGroupDetail> {
  return toScimGroupDetail(expectOne(await apiFetch(`${GROUPS_PATH}/${encodeURIComponent(id)}`, { signal })));
}

export function useScimGroups(p: ScimGroupListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.scim.groups.list(p),
    queryFn: ({ signal }) => fetchScimGroups(p, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useScimGroup(id: string) {
  return useQuery({ queryKey: queryKeys.scim.groups.detail(id), queryFn: ({ signal }) => fetchScimGroup(id, signal) });
}

// --- Team ⇄ group links ---

type TeamRef = { id: string; organization: string };

// A link changes the team (members, SCIM attributes) and the groups' linked-team counts.
function invalidateLink(qc: QueryClient, team: TeamRef) {
  return Promise.all([invalidateTeam(qc, team), qc.invalidateQueries({ queryKey: queryKeys.scim.groups.all() })]);
}

/** Links the team to a group; the API replaces the team's members with the group's active members. */
export function useLinkTeamToScimGroup(team: TeamRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (groupId: string) => {
      await apiFetch(mappingPath(team.id), { method: "POST", body: { data: { type: "scim-group-mapping", attributes: { "scim-group-id": groupId } } } });
    },
    onSuccess: () => invalidateLink(qc, team),
  });
}

/** Unlinks the team; its members stay and become manually managed. */
export function useUnlinkTeamFromScimGroup(team: TeamRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await apiFetch(mappingPath(team.id), { method: "DELETE" });
    },
    onSuccess: () => invalidateLink(qc, team),
  });
}

/** Pauses (true) or resumes (false) a linked team's sync; resuming reconciles the members at once. */
export function useSetTeamScimSyncPaused(team: TeamRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (isPaused: boolean) => {
      await apiFetch(mappingPath(team.id), { method: "PATCH", body: { data: { type: "scim-group-mapping", attributes: { "scim-sync-paused": isPaused } } } });
    },
    onSuccess: () => invalidateTeam(qc, team),
  });
}
