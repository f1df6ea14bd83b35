/** Only same-site relative paths are followed after sign-in. */
export function safeCallbackPath(raw: unknown, fallback = "/app") {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}
