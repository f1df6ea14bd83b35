// The part of the Auth.js configuration that needs no database: shared by proxy.ts (which only
// refreshes the session cookie and redirects anonymous visitors) and the full config.
import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { log } from "@/lib/log";

export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export interface RosterJwtFields {
  uid?: string;
  sv?: number;
  authAt?: number;
}

export function baseAuthConfig(secret: string): NextAuthConfig {
  return {
    secret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 0 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [],
    // Auth.js would print its own "[auth][error]" text lines; ours are JSON like every other log.
    logger: {
      error(error) {
        // A refused sign-in is audited already.
        if (error instanceof CredentialsSignin) return;
        // A session cookie that does not decrypt (an old secret, a tampered or truncated cookie) is
        // the visitor's problem, not the server's: one warning with its kind, never its content.
        const type = (error as { type?: string }).type ?? error.name;
        if (type === "JWTSessionError") {
          log.warn("auth session cookie rejected", { type });
          return;
        }
        log.error("auth error", { type, error });
      },
      warn(code) {
        log.warn("auth warning", { code });
      },
      debug() {},
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as { id?: string; sv?: number };
          (token as RosterJwtFields).uid = u.id;
          (token as RosterJwtFields).sv = u.sv ?? 0;
          (token as RosterJwtFields).authAt = Date.now();
        }
        return token;
      },
      session({ session, token }) {
        const t = token as RosterJwtFields;
        // The session carries identifiers only; role and suspension are read from the database.
        return { ...session, user: { id: t.uid ?? "" }, sv: t.sv, authAt: t.authAt } as unknown as typeof session;
      },
    },
  };
}
