// The running server sends the single statements of /scim/v2 requests over its hot pool
// (db/hot.ts): a regression where the route bundles lose sight of the pool (Next.js loads modules
// once per bundle) would leave every statement on the main pool, silently.
import postgres from "postgres";
import { expect, test } from "../fixtures";
import { E2E_BASE_URL } from "../env";

test.skip(!process.env.DATABASE_URL, "PGlite has one connection and no hot pool");

test("a /scim/v2 request's statements reach PostgreSQL over the hot pool's connections", async () => {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const hotConnections = async () =>
      Number((await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'roster-hot'`)[0]!.n);
    // Any request writes its activity row (batched, within a second), even a refused one.
    const res = await fetch(`${E2E_BASE_URL}/scim/v2/Users`, { headers: { Authorization: "Bearer not-a-token" } });
    expect(res.status).toBe(401);
    await expect.poll(hotConnections, { timeout: 10_000 }).toBeGreaterThan(0);
    // The main pool keeps its own name: the hot one is a second pool, not a renamed first.
    const main = await sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'roster'`;
    expect(main[0]!.n).toBeGreaterThan(0);
  } finally {
    await sql.end();
  }
});
