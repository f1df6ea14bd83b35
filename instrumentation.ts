// Runs once per server start: applies migrations and, while no site admin exists, prints the
// one-time setup code that /setup asks for.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { announceStart } = await import("@/lib/startup");
  await announceStart();
}
