// A short transaction in one round trip. On PostgreSQL, BEGIN, the statements and COMMIT are
// written to one reserved connection in the same tick, so postgres.js sends them as one packet
// and the server answers them in order: each statement still runs on its own, with its own
// snapshot (READ COMMITTED), after the one before it has finished, taking its locks. A statement
// that fails aborts the transaction: the ones after it fail too and COMMIT rolls back.
// Elsewhere (PGlite runs in-process, so a round trip costs nothing; or already inside a
// transaction) the same statements run one after another in a transaction.
import { is, type SQL } from "drizzle-orm";
import { PgTransaction, type PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "./client";
import { rowsOf } from "./rows";

type Reserved = {
  unsafe(query: string, params?: unknown[], options?: { prepare?: boolean }): Promise<unknown> & { execute(): unknown };
  release(): void;
};
type PostgresClient = { reserve(): Promise<Reserved> };
type Internals = { dialect: PgDialect; $client?: unknown };

function postgresClient(db: DbOrTx): PostgresClient | null {
  if (is(db, PgTransaction)) return null;
  const client = (db as unknown as Internals).$client as Partial<PostgresClient> | undefined;
  return client && typeof client.reserve === "function" ? (client as PostgresClient) : null;
}

/** Runs `statements` as one transaction and answers each statement's rows, in order. */
export async function transactionInOneRoundTrip(db: DbOrTx, statements: SQL[]): Promise<unknown[][]> {
  const client = postgresClient(db);
  if (!client) {
    const run = async (tx: DbOrTx) => {
      const out: unknown[][] = [];
      for (const s of statements) out.push(rowsOf<unknown>(await tx.execute(s)));
      return out;
    };
    return is(db, PgTransaction) ? run(db) : (db as Exclude<DbOrTx, Tx>).transaction(run);
  }
  const { dialect } = db as unknown as Internals;
  const queries = statements.map((s) => dialect.sqlToQuery(s));
  const connection = await client.reserve();
  try {
    // Promise.all subscribes to every query in this tick, in order: one write, answers in order.
    const results = await Promise.all([
      connection.unsafe("begin"),
      ...queries.map((q) => connection.unsafe(q.sql, q.params, { prepare: true })),
      connection.unsafe("commit"),
    ]);
    return results.slice(1, -1).map((r) => rowsOf<unknown>(r));
  } catch (e) {
    // The failed statement aborted the transaction and COMMIT ended it; make sure of it in case
    // the error came from BEGIN or COMMIT themselves.
    await connection.unsafe("rollback").catch(() => undefined);
    throw e;
  } finally {
    connection.release();
  }
}
