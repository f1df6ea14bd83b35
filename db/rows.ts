/** Rows of a raw `db.execute()` on either driver (postgres.js: an array; PGlite: `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A text[] column on either driver: parsed, or the `{a,b}` text some drivers return. For the ids
 * this project stores (UUIDs, generated team ids), which hold no commas, quotes or backslashes.
 */
export function textArrayOf(value: string[] | string | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === "{}") return [];
  return value.slice(1, -1).split(",").map((s) => s.replace(/^"|"$/g, ""));
}
