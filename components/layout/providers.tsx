"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { isApiError } from "@/lib/query/api-client";
import { ToastProvider } from "@/components/ui/toast";

/**
 * A 401 from the admin API means the session ended (signed out elsewhere, suspended, expired):
 * go to sign in, and come back to this page after, rather than showing a dead end.
 */
function signInAgain(error: unknown) {
  if (!isApiError(error) || error.status !== 401 || typeof window === "undefined") return;
  const back = window.location.pathname + window.location.search;
  // A full load on purpose: nothing of the ended session's client state may survive it.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: signInAgain }),
    mutationCache: new MutationCache({ onError: signInAgain }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        // Client errors (404, 403, 422) will not fix themselves; retry only server and network failures.
        retry: (count, error) => count < 2 && !(isApiError(error) && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
