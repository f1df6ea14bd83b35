// The only module (with auth.config.ts) that knows next-auth. Credentials sign-in for non-SSO
// accounts; every request re-reads the user from the database (getSessionUser).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq, sql } from "drizzle-orm";
import { users, type UserRow } from "@/db/schema";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import { checkPasswordSignIn } from "@/lib/auth/password-sign-in";
import { baseAuthConfig } from "@/lib/auth/auth.config";
import { isSessionValid, type SessionClaims } from "@/lib/auth/session-validity";
import { findUserById } from "@/lib/admin/users/user-queries";
import { newRequestId } from "@/lib/http/request-id";
import { clientAddress } from "@/lib/http/client-address";
import { systemActor } from "@/lib/context";
import { completeSsoSignIn, publicReason, recordSsoFailure } from "@/lib/saml/sso-sign-in";
import { openBinding, openResult } from "@/lib/saml/sso-tokens";
import { ssoCookieValue } from "@/lib/saml/sso-cookie";

const REF_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class SuspendedSignIn extends CredentialsSignin {
  code = "suspended";
}

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/** An SSO sign-in refused after /saml/acs: code is what the browser may be told (sso-sign-in.ts). */
export class SsoRefused extends CredentialsSignin {
  constructor(code: "not_provisioned" | "suspended" | "failed") {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = baseAuthConfig(env().AUTH_SECRET);
  return {
    ...base,
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password || email.length > 254 || password.length > 1024) return null;
          const clientAddr = clientAddress(request.headers, env().ROSTER_TRUSTED_PROXY_HOPS);
          const ctx = { requestId: newRequestId(), now: new Date(), clientAddress: clientAddr };
          const result = await checkPasswordSignIn(await getDb(), ctx, email, password);
          if (!result.ok) {
            if (result.reason === "suspended") throw new SuspendedSignIn();
            if (result.reason === "throttled") throw new ThrottledSignIn();
            return null;
          }
          return { id: result.user.id, sv: result.user.sessionVersion } as { id: string };
        },
      }),
      // SSO: /saml/finish hands over what /saml/acs verified (sealed, single use, bound to this
      // browser by the SSO cookie); the decision and its audit live in sso-sign-in.ts.
      Credentials({
        id: "saml",
        name: "SSO",
        credentials: { result: {}, ref: {} },
        async authorize(credentials, request) {
          const now = new Date();
          const ref = typeof credentials?.ref === "string" && REF_RE.test(credentials.ref) ? credentials.ref : newRequestId();
          const ctx = { db: await getDb(), actor: systemActor, now, requestId: ref };
          const secret = env().AUTH_SECRET;
          const result = openResult(secret, credentials?.result, now);
          if (!result || result.test) {
            await recordSsoFailure(ctx, "expired_result");
            throw new SsoRefused("failed");
          }
          const binding = openBinding(secret, ssoCookieValue(request.headers.get("cookie")), now);
          const outcome = await completeSsoSignIn(ctx, result, binding?.rid ?? null);
          if (!outcome.ok) throw new SsoRefused(publicReason(outcome.reason));
          return { id: outcome.user.id, sv: outcome.user.sessionVersion } as { id: string };
        },
      }),
    ],
    events: {
      // Signing out ends every session of the user at once.
      async signOut(message) {
        const token = "token" in message ? (message.token as { uid?: string } | null) : null;
        if (!token?.uid) return;
        const db = await getDb();
        await db
          .update(users)
          .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
          .where(eq(users.id, token.uid));
      },
    },
  };
});

/** The signed-in user, re-read from the database; null when absent, stale, suspended or expired. */
export async function getSessionUser(): Promise<UserRow | null> {
  const session = (await auth()) as ({ user?: { id?: string } } & SessionClaims) | null;
  const uid = session?.user?.id;
  if (!uid) return null;
  const user = await findUserById(await getDb(), uid);
  return isSessionValid(session, user, Date.now()) ? user : null;
}
