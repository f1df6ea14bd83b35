// The signed-in user's own API tokens (/api/v2/users/{id}/authentication-tokens, revoked through
// /api/v2/authentication-tokens/{id}). Every user has them; only a site admin's reach the admin API.
import { useQuery } from "@tanstack/react-query";
import { apiFetch, expectMany } from "./api-client";
import { queryKeys } from "./keys";
import { toApiToken, useCreateToken, useRevokeToken, type ApiToken, type TokenLifetime } from "./tokens";

/** lib/tokens/user-api-tokens.ts: any time in the future, at most 365 days ahead. */
export const API_TOKEN_LIFETIME: TokenLifetime = { minDays: 1, maxDays: 365 };

const tokensPath = (userId: string) => `/users/${encodeURIComponent(userId)}/authentication-tokens`;

export async function fetchAccountTokens(userId: string, signal?: AbortSignal): Promise<ApiToken[]> {
  const doc = await apiFetch(tokensPath(userId), { signal });
  const now = Date.now();
  return expectMany(doc).map((r) => toApiToken(r, now));
}

export function useAccountTokens(userId: string) {
  return useQuery({ queryKey: queryKeys.accountTokens(userId), queryFn: ({ signal }) => fetchAccountTokens(userId, signal) });
}

export const useCreateAccountToken = (userId: string) => useCreateToken(queryKeys.accountTokens(userId), tokensPath(userId));

export const useRevokeAccountToken = (userId: string) =>
  useRevokeToken(queryKeys.accountTokens(userId), (id) => `/authentication-tokens/${encodeURIComponent(id)}`);
