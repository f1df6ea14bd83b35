// The client's address as far as it can be trusted: the N-th X-Forwarded-For entry from the
// right when ROSTER_TRUSTED_PROXY_HOPS=N (N ≥ 1) proxies sit in front, else the socket peer the
// server stamped into the request (lib/http/peer-stamp.ts); unknown (null) when neither is there.
import { PEER_ADDRESS_HEADER, peerStampInstalled } from "./peer-stamp";

export function clientAddress(headers: Headers, trustedHops: number): string | null {
  if (trustedHops < 1) {
    // A client can send this header too; it means something only where the server overwrites it.
    const peer = peerStampInstalled() ? headers.get(PEER_ADDRESS_HEADER) : null;
    return peer && peer.length <= 64 ? peer : null;
  }
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = entries[entries.length - trustedHops];
  return entry && entry.length <= 64 ? entry : null;
}
