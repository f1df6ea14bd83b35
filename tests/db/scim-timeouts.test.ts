// A SCIM write blocked behind a long lock fails with a lock timeout (mapped to 503), applying nothing.
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { scimIdentities, users } from "@/db/schema";
import { createScimUser, updateScimUser } from "@/lib/scim/users/scim-users";
import { disableScim, SCIM_LOCK_TIMEOUT } from "@/lib/scim/settings/scim-settings";
import { parseUserBody } from "@/lib/scim/users/user-attributes";
import { isRetryableContention } from "@/lib/db-errors";
import { freshDb } from "../db";
import { ctxFor, makeUser, uniq } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const t = await freshDb();

/**
 * Runs `act` while another connection holds the lock `lockSql` takes (for longer than
 * lock_timeout); answers what `act` threw, or null.
 */
async function whileLocked(lockSql: string, params: string[], act: () => Promise<unknown>) {
  const blocker = postgres(t.url!, { max: 1, onnotice: () => {} });
  try {
    const hold = blocker.begin(async (sql) => {
      await sql.unsafe(lockSql, params);
      await sql`select pg_sleep(12)`;
    });
    await new Promise((r) => setTimeout(r, 200));
    const error = await act().then(() => null, (e: unknown) => e);
    await hold;
    return error;
  } finally {
    await blocker.end();
  }
}

// PGlite runs one transaction at a time, so a second connection holding a lock needs PostgreSQL.
describe.skipIf(!t.url)("SCIM write deadlines (PostgreSQL)", () => {
  it(`gives up after lock_timeout=${SCIM_LOCK_TIMEOUT} ms with a retryable error and writes nothing`, { timeout: 30_000 }, async () => {
    const admin = await makeUser(t.db, { admin: true });
    await disableScim(ctxFor(t.db, { type: "user", id: admin.id }));
    await setSaml(t.db, true);
    await setScim(t.db, "enabled");
    const userName = `${uniq("blocked")}@example.com`;
    const error = await whileLocked("select * from scim_settings for update", [], () =>
      createScimUser(ctxFor(t.db, { type: "scim-token", id: "at-x" }), parseUserBody({ userName, emails: [{ value: userName }] }, true)),
    );
    expect(isRetryableContention(error)).toBe(true);
    expect(await t.db.select().from(scimIdentities).where(eq(scimIdentities.userName, userName))).toEqual([]);
  });

  it("a deactivation blocked behind the user's row lock gives up the same way, and the next one works", { timeout: 30_000 }, async () => {
    await setSaml(t.db, true);
    await setScim(t.db, "enabled");
    const scim = () => ctxFor(t.db, { type: "scim-token", id: "at-x" });
    const userName = `${uniq("locked")}@example.com`;
    const { identity, user } = await createScimUser(scim(), parseUserBody({ userName, emails: [{ value: userName }] }, true));
    const deactivate = () => updateScimUser(scim(), identity.id, "update", (a) => ({ ...a, active: false }));
    const error = await whileLocked("select 1 from users where id = $1 for update", [user.id], deactivate);
    expect(isRetryableContention(error)).toBe(true);
    expect((await t.db.select().from(users).where(eq(users.id, user.id)))[0]!.suspendedAt).toBeNull();
    expect((await deactivate()).user.suspendedAt).not.toBeNull();
  });
});
