// SCIM provisioning settings and SCIM tokens (/api/v2/admin/scim-settings, /api/v2/admin/scim-tokens).
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { apiFetch, attrBool, attrString, expectMany, expectOne, type ApiResource } from "./api-client";
import { queryKeys } from "./keys";

export type ScimState = "disabled" | "enabled" | "paused";

export interface ScimSettings {
  state: ScimState;
  siteAdminGroupScimId: string | null;
  siteAdminGroupDisplayName: string | null;
  /** The full URL an identity provider is configured with, e.g. https://roster.example.com/scim/v2. */
  baseUrl: string | null;
}

/** Where a token stands relative to its expiry, as of when the list was fetched. */
export type TokenExpiry = { status: "expired" } | { status: "expiring"; days: number } | { status: "valid" };

export interface ScimToken {
  id: string;
  description: string | null;
  createdAt: string | null;
  expiredAt: string | null;
  lastUsedAt: string | null;
  expiry: TokenExpiry;
}

export interface CreatedScimToken {
  token: ScimToken;
  /** The secret: returned once, by the create call only. Never cached. */
  secret: string;
}

/** A token that expires within this many days is flagged in the console. */
export const TOKEN_EXPIRY_WARNING_DAYS = 14;
/** Unrevoked, unexpired tokens allowed at once (spec §13.8). */
export const MAX_ACTIVE_TOKENS = 25;
export const TOKEN_EXPIRY_PRESET_DAYS = [30, 90, 365] as const;
/** The API accepts an expiry 29–365 days ahead. */
export const TOKEN_EXPIRY_MIN_DAYS = 29;
export const TOKEN_EXPIRY_MAX_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

function toSettings(r: ApiResource): ScimSettings {
  const enabled = attrBool(r, "enabled");
  return {
    state: !enabled ? "disabled" : attrBool(r, "paused") ? "paused" : "enabled",
    siteAdminGroupScimId: attrString(r, "site-admin-group-scim-id"),
    siteAdminGroupDisplayName: attrString(r, "site-admin-group-display-name"),
    baseUrl: attrString(r, "scim-base-url"),
  };
}

export function tokenExpiry(expiredAt: string | null, now: number): TokenExpiry {
  const at = expiredAt ? Date.parse(expiredAt) : NaN;
  if (Number.isNaN(at)) return { status: "valid" };
  if (at <= now) return { status: "expired" };
  const days = Math.ceil((at - now) / DAY_MS);
  return days <= TOKEN_EXPIRY_WARNING_DAYS ? { status: "expiring", days } : { status: "valid" };
}

function toToken(r: ApiResource, now: number): ScimToken {
  const expiredAt = attrString(r, "expired-at");
  return {
    id: r.id,
    description: attrString(r, "description") || null,
    createdAt: attrString(r, "created-at"),
    expiredAt,
    lastUsedAt: attrString(r, "last-used-at"),
    expiry: tokenExpiry(expiredAt, now),
  };
}

/** How a token is named in the console: its description, or its id when it has none. */
export const tokenLabel = (t: Pick<ScimToken, "id" | "description">) => t.description ?? t.id;

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

// --- Token expiry choices (create dialog) ---

export type TokenExpiryChoice = { kind: "days"; days: number } | { kind: "date"; date: string };

const pad = (n: number) => String(n).padStart(2, "0");
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The `min`/`max` of the custom date input, as local YYYY-MM-DD dates. */
export function tokenDateBounds(now: number) {
  return { min: localDate(new Date(now + TOKEN_EXPIRY_MIN_DAYS * DAY_MS)), max: localDate(new Date(now + TOKEN_EXPIRY_MAX_DAYS * DAY_MS)) };
}

/**
 * The `expired-at` to send. A chosen date means the end of that day in the viewer's time zone, so
 * the earliest date offered is never a few seconds short of the minimum once the request arrives.
 */
export function tokenExpiryInstant(choice: TokenExpiryChoice, now: number): Date | null {
  if (choice.kind === "days") return new Date(now + choice.days * DAY_MS);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(choice.date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  return Number.isNaN(d.getTime()) ? null : d;
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
  return expectMany(doc).map((r) => toToken(r, now));
}

async function patchScimSettings(attributes: { enabled?: true; paused?: boolean; "site-admin-group-scim-id"?: string | null }): Promise<ScimSettings> {
  return toSettings(expectOne(await apiFetch(SETTINGS_PATH, { method: "PATCH", body: { data: { type: "scim-settings", attributes } } })));
}

export async function createScimToken(input: { description: string; expiredAt: Date | null }): Promise<CreatedScimToken> {
  const attributes: Record<string, string> = {};
  if (input.description.trim()) attributes.description = input.description.trim();
  if (input.expiredAt) attributes["expired-at"] = input.expiredAt.toISOString();
  const r = expectOne(await apiFetch(TOKENS_PATH, { method: "POST", body: { data: { type: "authentication-tokens", attributes } } }));
  const secret = attrString(r, "token");
  if (!secret) throw new Error("The server did not return the token.");
  return { token: toToken(r, Date.now()), secret };
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

export function useCreateScimToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createScimToken,
    // The list is refetched rather than patched so the secret never enters the query cache.
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.scim.tokens() }),
  });
}

export function useDeleteScimToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await apiFetch(`${TOKENS_PATH}/${encodeURIComponent(id)}`, { method: "DELETE" });
    },
    onSuccess: (_, id) => {
      qc.setQueryData<ScimToken[]>(queryKeys.scim.tokens(), (list) => list?.filter((t) => t.id !== id));
      return qc.invalidateQueries({ queryKey: queryKeys.scim.tokens() });
    },
  });
}
