import type { UserRow } from "@/db/schema";
import { SESSION_ABSOLUTE_MS } from "@/lib/auth/auth.config";

export interface SessionClaims {
  sv?: unknown;
  authAt?: unknown;
}

/**
 * A session names a user; it is good only while that user exists, is not suspended, has not
 * signed out since (session version), and the sign-in is less than 12 hours old. The 30-minute
 * idle limit is the session cookie's own lifetime, renewed on each console request.
 */
export function isSessionValid(claims: SessionClaims, user: Pick<UserRow, "suspendedAt" | "sessionVersion"> | null, now: number) {
  if (!user || user.suspendedAt) return false;
  if (typeof claims.sv !== "number" || claims.sv !== user.sessionVersion) return false;
  if (typeof claims.authAt !== "number" || now - claims.authAt > SESSION_ABSOLUTE_MS || claims.authAt > now + 60_000) return false;
  return true;
}
