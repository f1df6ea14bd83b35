// Query-key factories. Each resource has an `all` root so a mutation can invalidate everything it
// may have changed with one call.
export interface ListParams {
  page: number;
  size: number;
}

export interface UserListParams extends ListParams {
  q: string;
}

export const queryKeys = {
  account: () => ["account"] as const,
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
    list: (p: UserListParams) => ["users", "list", p] as const,
    byIds: (ids: readonly string[]) => ["users", "by-ids", [...ids].sort()] as const,
  },
  scim: {
    all: () => ["scim"] as const,
    settings: () => ["scim", "settings"] as const,
    tokens: () => ["scim", "tokens"] as const,
  },
  saml: {
    all: () => ["saml"] as const,
    settings: () => ["saml", "settings"] as const,
  },
};
