// What the socket says about a request, written into its headers before Next.js sees it. Route
// handlers do not get the socket, so the server stamps the peer address into a header of its own
// (overwriting whatever a client sent under that name), and drops the X-Forwarded-* headers the
// configuration does not trust: Next.js then fills them from the socket itself, so neither a
// request URL's protocol nor Auth.js's host can be claimed by a client talking to us directly.
import type { IncomingMessage } from "node:http";

export const PEER_ADDRESS_HEADER = "x-roster-peer-address";

const INSTALLED = Symbol.for("roster.peer-stamp");
type StampGlobal = { [INSTALLED]?: boolean };

export interface PeerTrust {
  /** AUTH_TRUST_HOST: X-Forwarded-Host, -Proto and -Port come from a proxy we trust. */
  trustForwardedHost: boolean;
  /** ROSTER_TRUSTED_PROXY_HOPS: X-Forwarded-For is kept only when proxies are trusted. */
  trustedHops: number;
}

/** "::ffff:127.0.0.1" → "127.0.0.1": one spelling per IPv4 client, whatever the socket family. */
export function normalizeAddress(address: string | undefined): string | null {
  if (!address) return null;
  const v4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return v4 ? v4[1]! : address;
}

export function stampPeer(req: Pick<IncomingMessage, "headers" | "socket">, trust: PeerTrust) {
  const headers = req.headers;
  const address = normalizeAddress(req.socket?.remoteAddress);
  if (address) headers[PEER_ADDRESS_HEADER] = address;
  else delete headers[PEER_ADDRESS_HEADER];
  if (!trust.trustForwardedHost) {
    delete headers["x-forwarded-host"];
    delete headers["x-forwarded-proto"];
    delete headers["x-forwarded-port"];
  }
  if (trust.trustedHops < 1) delete headers["x-forwarded-for"];
}

/** Is the stamp in place in this process? Only then does the peer header mean anything. */
export const peerStampInstalled = () => (globalThis as StampGlobal)[INSTALLED] === true;

/**
 * Wraps `emit` of the HTTP(S) server classes so every "request" is stamped first. Called once per
 * process from instrumentation.ts, before the first request is served.
 */
export async function installPeerStamp(trust: PeerTrust) {
  const g = globalThis as StampGlobal;
  if (g[INSTALLED]) return;
  const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampPeer(args[0] as IncomingMessage, trust);
      return emit.call(this, event, ...args);
    };
  }
  g[INSTALLED] = true;
}
