const BASE = "http://roster.invalid";

/** Set by proxy.ts on page requests (overwriting any client value): the path and query asked for. */
export const REQUEST_PATH_HEADER = "x-roster-request-path";
const MAX_LENGTH = 2048;

/**
 * Only same-site relative paths are followed after sign-in. Browsers strip tabs and newlines
 * from URLs and read "\" as "/", so "/\t/evil.example" or "/\\evil.example" would leave the
 * site: any whitespace, control character or backslash is refused, and what is left must
 * resolve to this origin.
 */
export function safeCallbackPath(raw: unknown, fallback = "/app") {
  if (typeof raw !== "string" || raw.length > MAX_LENGTH) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  if (/[\s\\\u0000-\u001f\u007f-\u009f]/u.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return raw;
}
