// A short transaction sent in one round trip (db/pipeline.ts): statements run in order, in one
// transaction, each with its own snapshot; a failure rolls all of it back and leaves the
// connection clean.
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { transactionInOneRoundTrip } from "@/db/pipeline";
import { sqlState } from "@/lib/db-errors";
import { freshDb, rowsOf } from "../db";
import { uniq } from "../factories";

const t = await freshDb();
await t.db.execute(sql`create table pipeline_probe (k text primary key, v int not null)`);
const valuesOf = async (prefix: string) =>
  rowsOf<{ k: string; v: number }>(await t.db.execute(sql`select k, v from pipeline_probe where k like ${prefix + "%"} order by k`));

describe("transactionInOneRoundTrip", () => {
  it("answers each statement's rows in order; later statements see earlier ones", async () => {
    const p = uniq("p");
    const [inserted, seen] = await transactionInOneRoundTrip(t.db, [
      sql`insert into pipeline_probe (k, v) values (${p + "-a"}, 1), (${p + "-b"}, 2) returning k`,
      sql`select count(*)::int as n from pipeline_probe where k like ${p + "%"}`,
    ]);
    expect(inserted).toHaveLength(2);
    expect(seen).toEqual([{ n: 2 }]);
    expect(await valuesOf(p)).toEqual([{ k: `${p}-a`, v: 1 }, { k: `${p}-b`, v: 2 }]);
  });

  it("a failing statement rolls back the statements before it, and the next transaction is clean", async () => {
    const p = uniq("p");
    const error = await transactionInOneRoundTrip(t.db, [sql`insert into pipeline_probe (k, v) values (${p}, 1)`, sql`select 1 / 0 as boom`, sql`select 1 as never`]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sqlState(error)).toBe("22012"); // division_by_zero: the failing statement's own error
    expect(await valuesOf(p)).toEqual([]);
    // Run enough to reuse every pooled connection: none is left inside a failed transaction.
    for (let i = 0; i < 12; i++) {
      const [rows] = await transactionInOneRoundTrip(t.db, [sql`insert into pipeline_probe (k, v) values (${`${p}-${i}`}, ${i}) returning v`]);
      expect(rows).toEqual([{ v: i }]);
    }
    expect(await valuesOf(p)).toHaveLength(12);
  });

  it("inside a transaction it joins that transaction", async () => {
    const p = uniq("p");
    await expect(
      t.db.transaction(async (tx) => {
        await transactionInOneRoundTrip(tx, [sql`insert into pipeline_probe (k, v) values (${p}, 1)`]);
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await valuesOf(p)).toEqual([]);
  });
});

// PGlite runs one transaction at a time; racing two needs PostgreSQL.
describe.skipIf(!t.url)("transactionInOneRoundTrip on PostgreSQL", () => {
  it("a statement after a lock wait reads what committed while it waited (a snapshot of its own)", { timeout: 20_000 }, async () => {
    const p = uniq("p");
    await t.db.execute(sql`insert into pipeline_probe (k, v) values (${p}, 0)`);
    const other = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      const held = other.begin(async (q) => {
        await q`select 1 from pipeline_probe where k = ${p} for update`;
        await q`insert into pipeline_probe (k, v) values (${p + "-late"}, 7)`;
        await q`select pg_sleep(0.4)`;
      });
      await new Promise((r) => setTimeout(r, 150));
      const [, seen] = await transactionInOneRoundTrip(t.db, [
        sql`select 1 from pipeline_probe where k = ${p} for update`,
        sql`select coalesce(sum(v), 0)::int as total from pipeline_probe where k like ${p + "%"}`,
      ]);
      await held;
      expect(seen).toEqual([{ total: 7 }]);
    } finally {
      await other.end();
    }
  });
});
