// The SSO binding cookie (see sso-tokens.ts). SameSite=Lax is enough: it is read on /saml/finish,
// a same-site top-level GET, never on the IdP's cross-site POST to /saml/acs.
import { SSO_REQUEST_TTL_SECONDS } from "./sso-tokens";

const SECURE_NAME = "__Host-roster-sso";
const PLAIN_NAME = "roster-sso";

export function ssoCookie(origin: string, value: string) {
  const secure = new URL(origin).protocol === "https:";
  return {
    name: secure ? SECURE_NAME : PLAIN_NAME,
    value,
    options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: SSO_REQUEST_TTL_SECONDS },
  };
}

/** The binding cookie's value from a Cookie header (a __Host- cookie can only come from https). */
export function ssoCookieValue(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const values = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) values.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return values.get(SECURE_NAME) ?? values.get(PLAIN_NAME) ?? null;
}

export const SSO_COOKIE_NAMES = [SECURE_NAME, PLAIN_NAME];
