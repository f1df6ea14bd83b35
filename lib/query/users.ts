// Users of the admin API (/api/v2/admin/users: list, create, one user, the manual site-admin role,
// suspend, unsuspend, delete) and the signed-in account.
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  apiFetch,
  attrBool,
  attrString,
  expectMany,
  expectOne,
  hasAttr,
  readPagination,
  withQuery,
  type ApiResource,
  type Paged,
} from "./api-client";
import { queryKeys, type UserListParams } from "./keys";

export type SiteAdminSource = "manual" | "scim" | "both";

export interface User {
  id: string;
  email: string;
  username: string;
  isSuspended: boolean;
  isSiteAdmin: boolean;
  siteAdminSource: SiteAdminSource | null;
  /** Can sign in with a password (a local, non-SSO account). */
  hasPassword: boolean;
  createdAt: string | null;
  /** Undefined while SCIM provisioning is off (the API omits the SCIM attributes then). */
  isScimManaged?: boolean;
  scimUsername?: string | null;
  scimUpdatedAt?: string | null;
}

function toUser(r: ApiResource): User {
  const source = attrString(r, "site-admin-source");
  const user: User = {
    id: r.id,
    email: attrString(r, "email") ?? "",
    username: attrString(r, "username") ?? "",
    isSuspended: attrBool(r, "is-suspended"),
    isSiteAdmin: attrBool(r, "is-site-admin"),
    siteAdminSource: source === "manual" || source === "scim" || source === "both" ? source : null,
    hasPassword: attrBool(r, "has-password"),
    createdAt: attrString(r, "created-at"),
  };
  if (hasAttr(r, "is-scim-managed")) {
    user.isScimManaged = attrBool(r, "is-scim-managed");
    user.scimUsername = attrString(r, "scim-username");
    user.scimUpdatedAt = attrString(r, "scim-updated-at");
  }
  return user;
}

export interface UserTeam {
  id: string;
  name: string;
  organization: string;
}

/** One user as GET /admin/users/{id} shows it: with the organizations and teams they belong to. */
export interface UserDetail extends User {
  /** An active member of the mapped Site Admin IdP Group: its SCIM grant follows the group. */
  inSiteAdminGroup: boolean;
  organizations: string[];
  teams: UserTeam[];
}

function toUserDetail(r: ApiResource): UserDetail {
  const orgs = r.attributes?.organizations;
  const teams = r.attributes?.teams;
  return {
    ...toUser(r),
    inSiteAdminGroup: r.attributes?.["is-in-site-admin-group"] === true,
    organizations: Array.isArray(orgs) ? orgs.filter((o): o is string => typeof o === "string") : [],
    teams: Array.isArray(teams)
      ? teams.flatMap((t: unknown) => {
          if (!t || typeof t !== "object") return [];
          const o = t as Record<string, unknown>;
          if (typeof o.id !== "string") return [];
          return [{ id: o.id, name: typeof o.name === "string" ? o.name : o.id, organization: typeof o["organization-name"] === "string" ? o["organization-name"] : "" }];
        })
      : [],
  };
}

const userPath = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

/** The API's rule for a local account's password (lib/auth/password.ts); the API enforces it. */
export const PASSWORD_MIN_LENGTH = 12;

export interface UserList extends Paged<User> {
  /**
   * Site admins able to sign in without SSO (active, with a password, not SCIM-managed), over all
   * users whatever the filters; null when the API did not say.
   */
  nonSsoSiteAdminCount: number | null;
}

export async function fetchUsers(p: UserListParams, signal?: AbortSignal): Promise<UserList> {
  const doc = await apiFetch(
    withQuery("/admin/users", {
      q: p.q.trim(),
      "filter[status]": p.status,
      "filter[scim-managed]": p.scimManaged === undefined ? undefined : String(p.scimManaged),
      "filter[site-admin]": p.siteAdmin,
      "page[number]": p.page,
      "page[size]": p.size,
    }),
    { signal },
  );
  const items = expectMany(doc).map(toUser);
  const meta: Record<string, unknown> = doc?.meta ?? {};
  const count = meta["non-sso-site-admin-count"];
  return { items, pagination: readPagination(doc, items.length), nonSsoSiteAdminCount: typeof count === "number" ? count : null };
}

/**
 * Resolves user ids to users. The API has no id filter, so this walks the user list (100 per page)
 * until every id is found or the list ends.
 */
export async function fetchUsersByIds(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, User>> {
  const wanted = new Set(ids);
  const found = new Map<string, User>();
  if (wanted.size === 0) return found;
  for (let page = 1; ; page++) {
    const { items, pagination } = await fetchUsers({ q: "", page, size: 100 }, signal);
    for (const u of items) if (wanted.has(u.id)) found.set(u.id, u);
    if (found.size === wanted.size || pagination.nextPage === null) return found;
  }
}

export async function fetchUser(id: string, signal?: AbortSignal): Promise<UserDetail> {
  return toUserDetail(expectOne(await apiFetch(userPath(id), { signal })));
}

export async function fetchAccount(signal?: AbortSignal): Promise<User> {
  return toUser(expectOne(await apiFetch("/account/details", { signal })));
}

export function useUsers(p: UserListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.users.list(p),
    queryFn: ({ signal }) => fetchUsers(p, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useUsersByIds(ids: readonly string[]) {
  return useQuery({
    queryKey: queryKeys.users.byIds(ids),
    queryFn: ({ signal }) => fetchUsersByIds(ids, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAccount() {
  return useQuery({ queryKey: queryKeys.account(), queryFn: ({ signal }) => fetchAccount(signal) });
}

export function useUser(id: string) {
  return useQuery({ queryKey: queryKeys.users.detail(id), queryFn: ({ signal }) => fetchUser(id, signal) });
}

/**
 * Names the users behind ids shown in a log (actors, targets, provisioned users): one cached
 * GET /admin/users/{id} per distinct id. An id that is not (or no longer) a user maps to null.
 */
export function useUserLabels(ids: readonly (string | null | undefined)[]) {
  const distinct = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  return useQueries({
    queries: distinct.map((id) => ({
      queryKey: queryKeys.users.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchUser(id, signal),
      staleTime: 60_000,
      retry: false,
    })),
    combine: (results) => {
      const labels = new Map<string, User | null>();
      results.forEach((r, i) => {
        if (r.data) labels.set(distinct[i]!, r.data);
        else if (r.isError) labels.set(distinct[i]!, null);
      });
      return labels;
    },
  });
}

// A refusal (422) usually means the user changed under the page, e.g. the identity provider took
// them over: show the user as they are now.
function refreshAfterRefusal(qc: QueryClient, id: string) {
  return Promise.all([qc.invalidateQueries({ queryKey: queryKeys.users.detail(id) }), qc.invalidateQueries({ queryKey: queryKeys.audit.all() })]);
}

export interface CreateUserInput {
  email: string;
  password: string;
  isSiteAdmin: boolean;
}

/** Creates a non-SSO (password) account, a manual site admin when `isSiteAdmin`. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateUserInput) =>
      toUser(
        expectOne(
          await apiFetch("/admin/users", {
            method: "POST",
            body: { data: { type: "users", attributes: { email: input.email, password: input.password, "is-site-admin": input.isSiteAdmin } } },
          }),
        ),
      ),
    // Every user list (and the count of site admins able to sign in without SSO) and the audit log.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.users.all() }), qc.invalidateQueries({ queryKey: queryKeys.audit.all() })]),
  });
}

/**
 * Grants (`true`) or revokes (`false`) the manual site-admin role. A SCIM-sourced grant follows the
 * Site Admin IdP Group: revoking leaves it in place, or is refused (422) when it is the only one.
 */
export function useSetSiteAdmin(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (isSiteAdmin: boolean) =>
      toUserDetail(
        expectOne(await apiFetch(userPath(id), { method: "PATCH", body: { data: { type: "users", attributes: { "is-site-admin": isSiteAdmin } } } })),
      ),
    onSuccess: (user) => {
      qc.setQueryData(queryKeys.users.detail(id), user);
      return Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.users.all() }),
        qc.invalidateQueries({ queryKey: queryKeys.audit.all() }),
        // An admin may change their own role.
        qc.invalidateQueries({ queryKey: queryKeys.account() }),
      ]);
    },
    // The lists too: a refusal may come from a count of site admins that changed under the page.
    onError: () => Promise.all([refreshAfterRefusal(qc, id), qc.invalidateQueries({ queryKey: queryKeys.users.lists() })]),
  });
}

/** Suspends (`true`) or unsuspends (`false`) a user who is not managed by SCIM. */
export function useSetUserSuspended(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (suspend: boolean) =>
      toUserDetail(expectOne(await apiFetch(`${userPath(id)}/actions/${suspend ? "suspend" : "unsuspend"}`, { method: "POST" }))),
    onSuccess: (user) => {
      qc.setQueryData(queryKeys.users.detail(id), user);
      // Every user list, this user's page and the audit log show the change.
      return Promise.all([qc.invalidateQueries({ queryKey: queryKeys.users.all() }), qc.invalidateQueries({ queryKey: queryKeys.audit.all() })]);
    },
    onError: () => refreshAfterRefusal(qc, id),
  });
}

export function useDeleteUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await apiFetch(userPath(id), { method: "DELETE" });
    },
    onSuccess: () =>
      Promise.all([
        // Not refetched now: the open user page would flash "not found" before navigating away.
        qc.invalidateQueries({ queryKey: queryKeys.users.detail(id), refetchType: "none" }),
        qc.invalidateQueries({ queryKey: queryKeys.users.lists() }),
        qc.invalidateQueries({ queryKey: queryKeys.users.byIdsAll() }),
        qc.invalidateQueries({ queryKey: queryKeys.audit.all() }),
        // The user leaves every team.
        qc.invalidateQueries({ queryKey: queryKeys.teams.all() }),
      ]),
    onError: () => refreshAfterRefusal(qc, id),
  });
}
