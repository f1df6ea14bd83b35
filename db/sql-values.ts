// Typed SQL fragments built from a drizzle table's own column definitions, for statements the
// query builder cannot express: conditional inserts (`insert … select … where`) and updates
// inside data-modifying CTEs. Every value is a bound parameter cast to its column's type.
import { getTableColumns, is, SQL, sql, type Table } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

function column(table: Table, key: string): PgColumn {
  const col = (getTableColumns(table) as Record<string, PgColumn>)[key];
  if (!col) throw new Error(`unknown column ${key}`);
  return col;
}

/** The column's SQL type, for a cast. */
const typeOf = (col: PgColumn) => sql.raw(col.getSQLType());

/** What the driver binds for a column's value (null for null or undefined). */
function driverValue(col: PgColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const driver = col.mapToDriverValue(value);
  return typeof driver === "object" && driver !== null ? JSON.stringify(driver) : driver;
}

/** A value as a bound parameter cast to its column's type; an SQL value is used as it is. */
function typed(col: PgColumn, value: unknown): SQL {
  if (is(value, SQL)) return value;
  const type = typeOf(col);
  if (value === null || value === undefined) return sql`null::${type}`;
  return sql`${driverValue(col, value)}::${type}`;
}

/**
 * Named placeholders (`<prefix><key>`, cast to each column's type) in place of values, for
 * statements built once per shape (`shapedStatement`); `slotValues` gives what they bind.
 */
export function slots<T extends Table>(table: T, keys: readonly (keyof T["$inferInsert"] & string)[], prefix: string): Record<string, SQL> {
  return Object.fromEntries(keys.map((k) => [k, sql`${sql.placeholder(prefix + k)}::${typeOf(column(table, k))}`]));
}

export function slotValues<T extends Table>(table: T, values: Partial<T["$inferInsert"]>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [prefix + k, driverValue(column(table, k), v)]));
}

/** The keys of `values` that are set, in order: the shape of a write built with `slots`. */
export const setKeys = <V extends object>(values: V) => (Object.keys(values) as (keyof V & string)[]).filter((k) => values[k] !== undefined);

/**
 * `insert into t (…) select <values> where <when> returning *` (a value may be SQL, such as a
 * slot); `computed` gives columns whose value is an SQL expression instead.
 */
export function insertWhere<T extends Table>(
  table: T,
  values: Partial<T["$inferInsert"]> | Record<string, SQL>,
  when: SQL = sql`true`,
  computed: Partial<Record<keyof T["$inferInsert"], SQL>> = {},
): SQL {
  const entries = Object.entries(values).filter(([k, v]) => v !== undefined && !(k in computed));
  const extra = Object.entries(computed) as [string, SQL][];
  const cols = sql.join([...entries, ...extra].map(([k]) => sql.identifier(column(table, k).name)), sql`, `);
  const vals = sql.join([...entries.map(([k, v]) => typed(column(table, k), v)), ...extra.map(([, e]) => e)], sql`, `);
  return sql`insert into ${table} (${cols}) select ${vals} where ${when} returning *`;
}

/** The `a = $1::type, b = $2::type` list of an update (a value may be SQL, such as a slot). */
export function setList<T extends Table>(table: T, values: Partial<T["$inferInsert"]> | Record<string, SQL>): SQL {
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
