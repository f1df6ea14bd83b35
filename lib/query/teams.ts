// Teams and their manual membership (/api/v2/organizations/{org}/teams, /api/v2/teams/{id}…).
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  apiFetch,
  attrBool,
  attrNumber,
  attrString,
  expectMany,
  expectOne,
  hasAttr,
  readPagination,
  relationshipIds,
  withQuery,
  type ApiResource,
  type Paged,
} from "./api-client";
import { queryKeys, type ListParams } from "./keys";

export interface Team {
  id: string;
  name: string;
  organization: string;
  isOwners: boolean;
  usersCount: number;
  memberIds: string[];
  createdAt: string | null;
  /** Present only while SCIM provisioning is enabled. */
  scim?: { isLinked: boolean; groupId: string | null; groupName: string | null; updatedAt: string | null; isSyncPaused: boolean };
}

function toTeam(r: ApiResource): Team {
  const memberIds = relationshipIds(r, "users");
  const team: Team = {
    id: r.id,
    name: attrString(r, "name") ?? "",
    organization: relationshipIds(r, "organization")[0] ?? "",
    isOwners: attrBool(r, "is-owners"),
    usersCount: attrNumber(r, "users-count") ?? memberIds.length,
    memberIds,
    createdAt: attrString(r, "created-at"),
  };
  if (hasAttr(r, "scim-linked")) {
    team.scim = {
      isLinked: attrBool(r, "scim-linked"),
      groupId: attrString(r, "scim-group-id"),
      groupName: attrString(r, "scim-group-name"),
      updatedAt: attrString(r, "scim-updated-at"),
      isSyncPaused: attrBool(r, "scim-sync-paused"),
    };
  }
  return team;
}

const teamPath = (id: string) => `/teams/${encodeURIComponent(id)}`;
const membersBody = (userIds: string[]) => ({ data: userIds.map((id) => ({ type: "users", id })) });

export async function fetchTeams(org: string, p: ListParams, signal?: AbortSignal): Promise<Paged<Team>> {
  const doc = await apiFetch(withQuery(`/organizations/${encodeURIComponent(org)}/teams`, { "page[number]": p.page, "page[size]": p.size }), {
    signal,
  });
  const items = expectMany(doc).map(toTeam);
  return { items, pagination: readPagination(doc, items.length) };
}

export async function fetchTeam(id: string, signal?: AbortSignal): Promise<Team> {
  return toTeam(expectOne(await apiFetch(teamPath(id), { signal })));
}

export function useTeams(org: string, p: ListParams) {
  return useQuery({
    queryKey: queryKeys.teams.list(org, p),
    queryFn: ({ signal }) => fetchTeams(org, p, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTeam(id: string) {
  return useQuery({ queryKey: queryKeys.teams.detail(id), queryFn: ({ signal }) => fetchTeam(id, signal) });
}

export function invalidateTeam(qc: QueryClient, team: { id: string; organization: string }) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: queryKeys.teams.detail(team.id) }),
    qc.invalidateQueries({ queryKey: queryKeys.teams.lists(team.organization) }),
  ]);
}

export function useCreateTeam(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name: string }) =>
      toTeam(
        expectOne(
          await apiFetch(`/organizations/${encodeURIComponent(org)}/teams`, {
            method: "POST",
            body: { data: { type: "teams", attributes: { name: input.name } } },
          }),
        ),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.teams.lists(org) }),
  });
}

export function useRenameTeam(team: { id: string; organization: string }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name: string }) =>
      toTeam(expectOne(await apiFetch(teamPath(team.id), { method: "PATCH", body: { data: { type: "teams", id: team.id, attributes: { name: input.name } } } }))),
    onSuccess: (updated) => {
      qc.setQueryData(queryKeys.teams.detail(team.id), updated);
      return invalidateTeam(qc, team);
    },
  });
}

export function useDeleteTeam(team: { id: string; organization: string }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await apiFetch(teamPath(team.id), { method: "DELETE" });
    },
    onSuccess: () =>
      Promise.all([
        // Not refetched now: the open team page would flash "not found" before navigating away.
        qc.invalidateQueries({ queryKey: queryKeys.teams.detail(team.id), refetchType: "none" }),
        qc.invalidateQueries({ queryKey: queryKeys.teams.lists(team.organization) }),
      ]),
  });
}

export function useAddTeamMembers(team: { id: string; organization: string }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (userIds: string[]) => {
      await apiFetch(`${teamPath(team.id)}/relationships/users`, { method: "POST", body: membersBody(userIds) });
    },
    onSuccess: () => invalidateTeam(qc, team),
  });
}

export function useRemoveTeamMembers(team: { id: string; organization: string }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (userIds: string[]) => {
      await apiFetch(`${teamPath(team.id)}/relationships/users`, { method: "DELETE", body: membersBody(userIds) });
    },
    onSuccess: () => invalidateTeam(qc, team),
  });
}
