// Rows that come back as JSON (`row_to_json(t)` from a data-modifying CTE) mapped to the same
// typed objects drizzle's query builder returns, using each column's own driver mapping.
import { getTableColumns, type Table } from "drizzle-orm";

export function rowFromJson<T extends Table>(table: T, json: unknown): T["$inferSelect"] {
  const obj = (typeof json === "string" ? JSON.parse(json) : json) as Record<string, unknown> | null;
  if (!obj || typeof obj !== "object") throw new Error(`expected a ${String(table)} row as JSON`);
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = obj[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T["$inferSelect"];
}

/** Same, for a column that may be SQL null (a CTE that wrote nothing). */
export const maybeRowFromJson = <T extends Table>(table: T, json: unknown): T["$inferSelect"] | null =>
  json === null || json === undefined ? null : rowFromJson(table, json);
