// Users of the admin API (GET /api/v2/admin/users) and the signed-in account.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
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
    createdAt: attrString(r, "created-at"),
  };
  if (hasAttr(r, "is-scim-managed")) {
    user.isScimManaged = attrBool(r, "is-scim-managed");
    user.scimUsername = attrString(r, "scim-username");
    user.scimUpdatedAt = attrString(r, "scim-updated-at");
  }
  return user;
}

export async function fetchUsers(p: UserListParams, signal?: AbortSignal): Promise<Paged<User>> {
  const doc = await apiFetch(withQuery("/admin/users", { q: p.q.trim(), "page[number]": p.page, "page[size]": p.size }), { signal });
  const items = expectMany(doc).map(toUser);
  return { items, pagination: readPagination(doc, items.length) };
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
