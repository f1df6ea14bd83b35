// The hot pool (db/hot.ts): single statements outside a transaction run on it; a statement that
// waits for a lock longer than HOT_LOCK_TIMEOUT there runs again on the main pool, where it waits
// as long as any other statement; transactions stay on the main pool.
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { HOT_LOCK_TIMEOUT, hotOf, hotPoolSize } from "@/db/hot";
import { preparedStatement } from "@/db/prepared";
import { freshDb } from "../db";
import { makeUser } from "../factories";

const t = await freshDb();

const whichPool = preparedStatement<{ app: string; n: number }>("test_which_pool", () => sql`select current_setting('application_name') as app, ${sql.placeholder("n")}::int as n`);
const onMain = preparedStatement<{ app: string; n: number }>("test_on_main", () => sql`select current_setting('application_name') as app, ${sql.placeholder("n")}::int as n`, { hot: false });
const touchUser = preparedStatement<{ app: string }>(
  "test_touch_user",
  () => sql`update users set updated_at = now() where id = ${sql.placeholder("id")} returning current_setting('application_name') as app`,
);

describe("hot pool size", () => {
  it("is one connection per core, at least two", () => {
    expect([1, 2, 4, 16].map(hotPoolSize)).toEqual([2, 2, 4, 16]);
  });
});

// PGlite is one connection: there is no second pool, and every statement runs where it is sent.
describe.skipIf(!t.url)("hot pool (PostgreSQL)", () => {
  it("runs a prepared single statement on the hot pool, and the same statement in a transaction on the main pool", async () => {
    expect(hotOf(t.db)).not.toBe(t.db);
    expect((await whichPool(t.db, { n: 1 }))[0]).toEqual({ app: "roster-hot", n: 1 });
    const inTx = await t.db.transaction((tx) => whichPool(tx, { n: 2 }));
    expect(inTx[0]).toEqual({ app: "roster", n: 2 });
  });

  it("keeps a statement marked hot: false (the SCIM user writes) on the main pool", async () => {
    expect((await onMain(t.db, { n: 4 }))[0]).toEqual({ app: "roster", n: 4 });
  });

  it("serves concurrent statements pipelined on its few connections, each with its own result", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => whichPool(t.db, { n })));
    expect(results.map((r) => r[0]!.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  it(`moves a statement that waits for a lock longer than ${HOT_LOCK_TIMEOUT} ms to the main pool, where it completes once the lock is released`, { timeout: 20_000 }, async () => {
    const user = await makeUser(t.db);
    const blocker = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const hold = blocker.begin(async (tx) => {
        await tx.unsafe("select 1 from users where id = $1 for update", [user.id]);
        locked();
        await released;
      });
      await isLocked;
      let releasedFirst = false;
      const write = touchUser(t.db, { id: user.id }).then((rows) => ({ rows, releasedFirst }));
      // Well past the hot pool's lock timeout, well short of the main pool's.
      setTimeout(() => {
        releasedFirst = true;
        release();
      }, HOT_LOCK_TIMEOUT * 5);
      const done = await write;
      await hold;
      // It waited for the lock (no error after 200 ms on the hot pool) and finished on the main one.
      expect(done.releasedFirst).toBe(true);
      expect(done.rows[0]).toEqual({ app: "roster" });
      // The hot pool is not left blocked: the next statement runs there again.
      expect((await whichPool(t.db, { n: 3 }))[0]).toEqual({ app: "roster-hot", n: 3 });
    } finally {
      await blocker.end();
    }
  });
});
