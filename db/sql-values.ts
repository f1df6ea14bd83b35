// Typed SQL fragments built from a drizzle table's own column definitions, for statements the
// query builder cannot express: conditional inserts (`insert … select … where`) and updates
// inside data-modifying CTEs. Every value is a bound parameter cast to its column's type.
import { getTableColumns, sql, type SQL, type Table } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

function column(table: Table, key: string): PgColumn {
  const col = (getTableColumns(table) as Record<string, PgColumn>)[key];
  if (!col) throw new Error(`unknown column ${key}`);
  return col;
}

function typed(col: PgColumn, value: unknown): SQL {
  const type = sql.raw(col.getSQLType());
  if (value === null || value === undefined) return sql`null::${type}`;
  const driver = col.mapToDriverValue(value);
  return sql`${typeof driver === "object" && driver !== null ? JSON.stringify(driver) : driver}::${type}`;
}

/**
 * `insert into t (…) select <values> where <when> returning *`; `computed` gives columns whose
 * value is an SQL expression instead.
 */
export function insertWhere<T extends Table>(
  table: T,
  values: Partial<T["$inferInsert"]>,
  when: SQL = sql`true`,
  computed: Partial<Record<keyof T["$inferInsert"], SQL>> = {},
): SQL {
  const entries = Object.entries(values).filter(([k, v]) => v !== undefined && !(k in computed));
  const extra = Object.entries(computed) as [string, SQL][];
  const cols = sql.join([...entries, ...extra].map(([k]) => sql.identifier(column(table, k).name)), sql`, `);
  const vals = sql.join([...entries.map(([k, v]) => typed(column(table, k), v)), ...extra.map(([, e]) => e)], sql`, `);
  return sql`insert into ${table} (${cols}) select ${vals} where ${when} returning *`;
}

/** The `a = $1::type, b = $2::type` list of an update. */
export function setList<T extends Table>(table: T, values: Partial<T["$inferInsert"]>): SQL {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined);
  return sql.join(entries.map(([k, v]) => sql`${sql.identifier(column(table, k).name)} = ${typed(column(table, k), v)}`), sql`, `);
}

/** A LIKE operand with `\`, `%` and `_` escaped (the default escape character is `\`). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The `{…}` literal of an array parameter (each element quoted; cast it, e.g. `::uuid[]`): one
 * parameter whatever the number of values, so the statement's text (and its prepared plan)
 * stays the same.
 */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}
