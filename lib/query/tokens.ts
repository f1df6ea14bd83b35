// What SCIM tokens and user API tokens share in the console: the `authentication-tokens` resource,
// its expiry status, the expiry choices of the create dialog and the create call.
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { apiFetch, attrString, expectOne, type ApiResource } from "./api-client";

/** Where a token stands relative to its expiry, as of when the list was fetched. */
export type TokenExpiry = { status: "expired" } | { status: "expiring"; days: number } | { status: "valid" };

export interface ApiToken {
  id: string;
  description: string | null;
  createdAt: string | null;
  expiredAt: string | null;
  lastUsedAt: string | null;
  expiry: TokenExpiry;
}

export interface CreatedToken {
  token: ApiToken;
  /** The secret: returned once, by the create call only. Never cached. */
  secret: string;
}

export interface CreateTokenInput {
  description: string;
  expiredAt: Date | null;
}

/** How far ahead a token of one kind may expire, in days from now (both ends allowed). */
export interface TokenLifetime {
  minDays: number;
  maxDays: number;
}

/** A token that expires within this many days is flagged in the console. */
export const TOKEN_EXPIRY_WARNING_DAYS = 14;
export const TOKEN_EXPIRY_PRESET_DAYS = [30, 90, 365] as const;
/** The preset the create dialog starts on. */
export const TOKEN_EXPIRY_DEFAULT_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

export function tokenExpiry(expiredAt: string | null, now: number): TokenExpiry {
  const at = expiredAt ? Date.parse(expiredAt) : NaN;
  if (Number.isNaN(at)) return { status: "valid" };
  if (at <= now) return { status: "expired" };
  const days = Math.ceil((at - now) / DAY_MS);
  return days <= TOKEN_EXPIRY_WARNING_DAYS ? { status: "expiring", days } : { status: "valid" };
}

export function toApiToken(r: ApiResource, now: number): ApiToken {
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
export const tokenLabel = (t: Pick<ApiToken, "id" | "description">) => t.description ?? t.id;

// --- Expiry choices (create dialog) ---

export type TokenExpiryChoice = { kind: "days"; days: number } | { kind: "date"; date: string };

const pad = (n: number) => String(n).padStart(2, "0");
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The `min`/`max` of the custom date input, as local YYYY-MM-DD dates. */
export function tokenDateBounds(now: number, lifetime: TokenLifetime) {
  return { min: localDate(new Date(now + lifetime.minDays * DAY_MS)), max: localDate(new Date(now + lifetime.maxDays * DAY_MS)) };
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

// --- Create and revoke ---

/** POSTs an `authentication-tokens` document to `path`; the answer is the only one with the secret. */
export async function createToken(path: string, input: CreateTokenInput): Promise<CreatedToken> {
  const attributes: Record<string, string> = {};
  if (input.description.trim()) attributes.description = input.description.trim();
  if (input.expiredAt) attributes["expired-at"] = input.expiredAt.toISOString();
  const r = expectOne(await apiFetch(path, { method: "POST", body: { data: { type: "authentication-tokens", attributes } } }));
  const secret = attrString(r, "token");
  if (!secret) throw new Error("The server did not return the token.");
  return { token: toApiToken(r, Date.now()), secret };
}

/** Creates a token at `path` (see createToken), then refreshes the list under `listKey`. */
export function useCreateToken(listKey: QueryKey, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) => createToken(path, input),
    // The list is refetched rather than patched so the secret never enters the query cache.
    onSuccess: () => qc.invalidateQueries({ queryKey: listKey }),
  });
}

/** Revokes a token with DELETE `pathOf(id)`; it leaves the list under `listKey` at once. */
export function useRevokeToken(listKey: QueryKey, pathOf: (id: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await apiFetch(pathOf(id), { method: "DELETE" });
    },
    onSuccess: (_, id) => {
      qc.setQueryData<ApiToken[]>(listKey, (list) => list?.filter((t) => t.id !== id));
      return qc.invalidateQueries({ queryKey: listKey });
    },
    // Most likely revoked elsewhere already (404): show the list as it is now.
    onError: () => qc.invalidateQueries({ queryKey: listKey }),
  });
}
