// Raw statements (CTEs the query builder cannot express) built once per database handle and run
// as prepared statements with named placeholders: the hot SCIM statements then cost neither
// drizzle's SQL building nor PostgreSQL's parse and plan on every request.
import type { SQL } from "drizzle-orm";
import type { PgDialect, PgSession } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";
import { rowsOf } from "./rows";

type Prepared = { execute(values?: Record<string, unknown>): Promise<unknown> };
// drizzle keeps these two internal; they are what db.execute() itself uses.
type Internals = { dialect: PgDialect; session: PgSession };

export function preparedStatement<Row>(name: string, build: () => SQL) {
  // The statement's text and parameter slots are the same for every handle and transaction of
  // the dialect, so they are built once; handles keep their prepared query.
  let query: ReturnType<PgDialect["sqlToQuery"]> | undefined;
  const byDb = new WeakMap<object, Prepared>();
  return async (db: DbOrTx, values: Record<string, unknown>): Promise<Row[]> => {
    let prepared = byDb.get(db);
    if (!prepared) {
      const { dialect, session } = db as unknown as Internals;
      query ??= dialect.sqlToQuery(build());
      prepared = session.prepareQuery(query, undefined, name, false) as Prepared;
      byDb.set(db, prepared);
    }
    return rowsOf<Row>(await prepared.execute(values));
  };
}
