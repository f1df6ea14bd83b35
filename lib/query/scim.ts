// SCIM provisioning settings and SCIM tokens (/api/v2/admin/scim-settings, /api/v2/admin/scim-tokens).
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { apiFetch, attrBool, attrString, expectMany, expectOne, type ApiResource } from "./api-client";
import { queryKeys } from "./keys";
import { toApiToken, useCreateToken, useRevokeToken, type ApiToken, type CreatedToken, type TokenLifetime } from "./tokens";

export type ScimState = "disabled" | "enabled" | "paused";

export interface ScimSettings {
  state: ScimState;
  siteAdminGroupScimId: string | null;
  siteAdminGroupDisplayName: string | null;
  /** The full URL an identity provider is configured with, e.g. https://roster.example.com/scim/v2. */
  baseUrl: string | null;
}

export type ScimToken = ApiToken;
export type CreatedScimToken = CreatedToken;

/** Unrevoked, unexpired tokens allowed at once (spec §13.8). */
export const MAX_ACTIVE_TOKENS = 25;
/** The API accepts an expiry 29–365 days ahead. */
export const SCIM_TOKEN_LIFETIME: TokenLifetime = { minDays: 29, maxDays: 365 };

function toSettings(r: ApiResource): ScimSettings {
  const enabled = attrBool(r, "enabled");
  return {
    state: !enabled ? "disabled" : attrBool(r, "paused") ? "paused" : "enabled",
    siteAdminGroupScimId: attrString(r, "site-admin-group-scim-id"),
    siteAdminGroupDisplayName: attrString(r, "site-admin-group-display-name"),
    baseUrl: attrString(r, "scim-base-url"),
  };
}

export interface TokenSummary {
  expired: ScimToken[];
  expiring: ScimToken[];
  activeCount: number;
  canCreateMore: boolean;
}

export function summarizeTokens(tokens: ScimToken[]): TokenSummary {
  const expired = tokens.filter((t) => t.expiry.status === "expired");
  const expiring = tokens.filter((t) => t.expiry.status === "expiring");
  const activeCount = tokens.length - expired.length;
  return { expired, expiring, activeCount, canCreateMore: activeCount < MAX_ACTIVE_TOKENS };
}

// --- Fetchers ---

const SETTINGS_PATH = "/admin/scim-settings";
const TOKENS_PATH = "/admin/scim-tokens";

export async function fetchScimSettings(signal?: AbortSignal): Promise<ScimSettings> {
  return toSettings(expectOne(await apiFetch(SETTINGS_PATH, { signal })));
}

export async function fetchScimTokens(signal?: AbortSignal): Promise<ScimToken[]> {
  const doc = await apiFetch(TOKENS_PATH, { signal });
  const now = Date.now();
  return expectMany(doc).map((r) => toApiToken(r, now));
}

async function patchScimSettings(attributes: { enabled?: true; paused?: boolean; "site-admin-group-scim-id"?: string | null }): Promise<ScimSettings> {
  return toSettings(expectOne(await apiFetch(SETTINGS_PATH, { method: "PATCH", body: { data: { type: "scim-settings", attributes } } })));
}

// --- Hooks ---

export function useScimSettings() {
  return useQuery({ queryKey: queryKeys.scim.settings(), queryFn: ({ signal }) => fetchScimSettings(signal) });
}

export function useScimTokens() {
  return useQuery({ queryKey: queryKeys.scim.tokens(), queryFn: ({ signal }) => fetchScimTokens(signal) });
}

/** For the sidebar: whether any token has expired. Shares the token list's cache entry. */
export function useHasExpiredScimToken() {
  return useQuery({
    queryKey: queryKeys.scim.tokens(),
    queryFn: ({ signal }) => fetchScimTokens(signal),
    select: (tokens) => tokens.some((t) => t.expiry.status === "expired"),
    staleTime: 60_000,
    retry: false,
  });
}

// Enabling and disabling change which SCIM attributes users and teams carry, and disabling deletes
// identities, links and tokens.
function invalidateEverythingScim(qc: QueryClient) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: queryKeys.scim.all() }),
    qc.invalidateQueries({ queryKey: queryKeys.users.all() }),
    qc.invalidateQueries({ queryKey: queryKeys.teams.all() }),
    qc.invalidateQueries({ queryKey: queryKeys.account() }),
  ]);
}

export function useEnableScim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => patchScimSettings({ enabled: true }),
    onSuccess: (settings) => {
      qc.setQueryData(queryKeys.scim.settings(), settings);
      return invalidateEverythingScim(qc);
    },
  });
}

export function usePauseScim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => patchScimSettings({ paused: true }),
    onSuccess: (settings) => {
      qc.setQueryData(queryKeys.scim.settings(), settings);
      return qc.invalidateQueries({ queryKey: queryKeys.scim.settings() });
    },
  });
}

export function useResumeScim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => patchScimSettings({ paused: false }),
    onSuccess: (settings) => {
      qc.setQueryData(queryKeys.scim.settings(), settings);
      // Resuming reconciles linked teams.
      return Promise.all([qc.invalidateQueries({ queryKey: queryKeys.scim.settings() }), qc.invalidateQueries({ queryKey: queryKeys.teams.all() })]);
    },
  });
}

export function useDisableScim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => toSettings(expectOne(await apiFetch(SETTINGS_PATH, { method: "DELETE" }))),
    onSuccess: (settings) => {
      qc.setQueryData(queryKeys.scim.settings(), settings);
      qc.setQueryData(queryKeys.scim.tokens(), []);
      return invalidateEverythingScim(qc);
    },
  });
}

/** Sets (a SCIM group id) or clears (null) the Site Admin IdP Group. */
export function useSetSiteAdminGroup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string | null) => patchScimSettings({ "site-admin-group-scim-id": groupId }),
    onSuccess: (settings) => {
      qc.setQueryData(queryKeys.scim.settings(), settings);
      // Groups carry the site-admin marker; setting a group grants and revokes site admin roles.
      return Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.scim.settings() }),
        qc.invalidateQueries({ queryKey: queryKeys.scim.groups.all() }),
        qc.invalidateQueries({ queryKey: queryKeys.users.all() }),
        qc.invalidateQueries({ queryKey: queryKeys.account() }),
      ]);
    },
  });
}

export const useCreateScimToken = () => useCreateToken(queryKeys.scim.tokens(), TOKENS_PATH);

export const useDeleteScimToken = () => useRevokeToken(queryKeys.scim.tokens(), (id) => `${TOKENS_PATH}/${encodeURIComponent(id)}`);
