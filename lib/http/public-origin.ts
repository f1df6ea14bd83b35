// The origin clients see: ROSTER_PUBLIC_URL when set, else the request's Host (X-Forwarded-Host
// and -Proto only when AUTH_TRUST_HOST=true).
import { env } from "@/lib/env";

export function publicOrigin(req: Request): string {
  const e = env();
  if (e.ROSTER_PUBLIC_URL) return new URL(e.ROSTER_PUBLIC_URL).origin;
  const url = new URL(req.url);
  const fwdHost = e.AUTH_TRUST_HOST ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const fwdProto = e.AUTH_TRUST_HOST ? req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const host = fwdHost || req.headers.get("host") || url.host;
  const proto = fwdProto === "https" || fwdProto === "http" ? fwdProto : url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** The SCIM base URL an admin pastes into the identity provider. */
export const scimBaseUrl = (req: Request) => `${publicOrigin(req)}/scim/v2`;
