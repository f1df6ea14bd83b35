// Raw statements (CTEs the query builder cannot express) built once per database handle and run
// as prepared statements with named placeholders: the hot SCIM statements then cost neither
// drizzle's SQL building nor PostgreSQL's parse and plan on every request.
import { Placeholder, type SQL } from "drizzle-orm";
import type { PgDialect, PgSession } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";
import { onHotPool } from "./hot";
import { rowsOf } from "./rows";

type Prepared = { execute(values?: Record<string, unknown>): Promise<unknown> };
// drizzle keeps these two internal; they are what db.execute() itself uses.
type Internals = { dialect: PgDialect; session: PgSession };

export function preparedStatement<Row>(name: string, build: () => SQL, options: { hot?: boolean } = {}) {
  // The statement's text and parameter slots are the same for every handle and transaction of
  // the dialect, so they are built once; handles keep their prepared query.
  let query: ReturnType<PgDialect["sqlToQuery"]> | undefined;
  const byDb = new WeakMap<object, Prepared>();
  const preparedOn = (db: DbOrTx) => {
    let prepared = byDb.get(db);
    if (!prepared) {
      const { dialect, session } = db as unknown as Internals;
      query ??= dialect.sqlToQuery(build());
      prepared = session.prepareQuery(query, undefined, name, false) as Prepared;
      byDb.set(db, prepared);
    }
    return prepared;
  };
  // Each is one statement: outside a transaction it runs on the hot pool (db/hot.ts) unless
  // `hot: false` keeps it on the main pool.
  return async (db: DbOrTx, values: Record<string, unknown>): Promise<Row[]> =>
    rowsOf<Row>(options.hot === false ? await preparedOn(db).execute(values) : await onHotPool(db, (on) => preparedOn(on).execute(values)));
}

/**
 * A statement whose text depends only on a few structural choices (which columns a write sets,
 * which propagation applies): built once per shape, with named placeholders for every value, and
 * prepared; each call only binds `values`. `key` must name everything `build` decides from the
 * shape; a value written into the text instead of a placeholder is refused when it is built,
 * since it would be replayed for every later call of the shape.
 */
export function shapedStatement<Row, Shape>(name: string, key: (shape: Shape) => string, build: (shape: Shape) => SQL, options: { hot?: boolean } = {}) {
  const byKey = new Map<string, (db: DbOrTx, values: Record<string, unknown>) => Promise<Row[]>>();
  return (db: DbOrTx, shape: Shape, values: Record<string, unknown>): Promise<Row[]> => {
    const k = key(shape);
    let run = byKey.get(k);
    if (!run) {
      run = preparedStatement<Row>(`${name}_${byKey.size}`, () => {
        const text = build(shape);
        const { dialect } = db as unknown as Internals;
        const baked = dialect.sqlToQuery(text).params.filter((p) => !(p instanceof Placeholder));
        if (baked.length) throw new Error(`shaped statement ${name} has ${baked.length} value(s) in its text`);
        return text;
      }, options);
      byKey.set(k, run);
    }
    return run(db, values);
  };
}
