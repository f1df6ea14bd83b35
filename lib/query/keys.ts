// Query-key factories. Each resource has an `all` root so a mutation can invalidate everything it
// may have changed with one call.
export interface ListParams {
  page: number;
  size: number;
}

export interface UserListParams extends ListParams {
  q: string;
  /** Narrowing filters of the users page; unset means no filter. */
  status?: "active" | "suspended";
  scimManaged?: boolean;
  siteAdmin?: "manual" | "scim";
}

export interface AuditListParams extends ListParams {
  /** An exact action, or a prefix ending in "." ("scim-user."). */
  action?: string;
  actor?: string;
  target?: string;
  /** ISO-8601 bounds of the time range. */
  since?: string;
  until?: string;
  /** A Roster user id: events about that user or by them. */
  user?: string;
  /** An exact request id: the reference a user is shown when sign-in failed (`filter[request-id]`). */
  reference?: string;
}

export interface ActivityListParams extends ListParams {
  /** How far back the chart and the table look, in minutes (ending now). */
  windowMinutes: number;
  /** "2xx", "4xx", "5xx" or a status code. */
  status?: string;
  method?: string;
  resource?: "Users" | "Groups";
  token?: string;
}

export interface ScimGroupListParams extends ListParams {
  q: string;
}

export const queryKeys = {
  account: () => ["account"] as const,
  /** The signed-in user's own API tokens. */
  accountTokens: (userId: string) => ["account-tokens", userId] as const,
  organizations: {
    all: () => ["organizations"] as const,
    list: (p: ListParams) => ["organizations", "list", p] as const,
    detail: (name: string) => ["organizations", "detail", name.toLowerCase()] as const,
  },
  teams: {
    all: () => ["teams"] as const,
    lists: (org: string) => ["teams", "list", org.toLowerCase()] as const,
    list: (org: string, p: ListParams) => ["teams", "list", org.toLowerCase(), p] as const,
    detail: (id: string) => ["teams", "detail", id] as const,
  },
  users: {
    all: () => ["users"] as const,
    lists: () => ["users", "list"] as const,
    list: (p: UserListParams) => ["users", "list", p] as const,
    byIdsAll: () => ["users", "by-ids"] as const,
    byIds: (ids: readonly string[]) => ["users", "by-ids", [...ids].sort()] as const,
    detail: (id: string) => ["users", "detail", id] as const,
  },
  audit: {
    all: () => ["audit"] as const,
    list: (p: AuditListParams) => ["audit", "list", p] as const,
  },
  activity: {
    all: () => ["activity"] as const,
    list: (p: ActivityListParams) => ["activity", "list", p] as const,
  },
  scim: {
    all: () => ["scim"] as const,
    settings: () => ["scim", "settings"] as const,
    tokens: () => ["scim", "tokens"] as const,
    // Under "scim": enabling or disabling SCIM (which deletes every group) refreshes them too.
    groups: {
      all: () => ["scim", "groups"] as const,
      list: (p: ScimGroupListParams) => ["scim", "groups", "list", p] as const,
      detail: (id: string) => ["scim", "groups", "detail", id] as const,
    },
  },
  saml: {
    all: () => ["saml"] as const,
    settings: () => ["saml", "settings"] as const,
  },
};
