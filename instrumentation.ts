// Runs once per server start: stamps every request with its socket's peer (lib/http/peer-stamp),
// takes over SIGTERM/SIGINT under `npm start` (lib/http/graceful-shutdown), applies migrations
// and, while no site admin exists, prints the one-time setup code that /setup asks for.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ installPeerStamp }, { env }] = await Promise.all([import("@/lib/http/peer-stamp"), import("@/lib/env")]);
  let trust = { trustForwardedHost: false, trustedHops: 0 };
  let manualSignals = false;
  try {
    const e = env();
    trust = { trustForwardedHost: e.AUTH_TRUST_HOST, trustedHops: e.ROSTER_TRUSTED_PROXY_HOPS };
    manualSignals = e.NODE_ENV === "production" && e.NEXT_MANUAL_SIG_HANDLE;
  } catch {
    // A bad configuration is reported (and the start refused) by announceStart below.
  }
  await installPeerStamp(trust);
  if (manualSignals) {
    const [{ installGracefulShutdown }, { flushActivity }, { closeDb }] = await Promise.all([
      import("@/lib/http/graceful-shutdown"),
      import("@/lib/audit/activity-log"),
      import("@/lib/db"),
    ]);
    await installGracefulShutdown([
      { name: "write the queued provisioning activity", run: flushActivity },
      { name: "close the database", run: closeDb },
    ]);
  }
  const { announceStart } = await import("@/lib/startup");
  await announceStart();
}
