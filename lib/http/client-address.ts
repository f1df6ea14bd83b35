// The client's address as far as it can be trusted: the N-th X-Forwarded-For entry from the
// right when ROSTER_TRUSTED_PROXY_HOPS=N (N ≥ 1) proxies sit in front, else unknown (null):
// Next.js route handlers do not expose the socket peer, and an unverified header is a lie
// anybody can tell.
export function clientAddress(headers: Headers, trustedHops: number): string | null {
  if (trustedHops < 1) return null;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = entries[entries.length - trustedHops];
  return entry && entry.length <= 64 ? entry : null;
}
