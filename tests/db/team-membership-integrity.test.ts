// team_memberships references teams and users through statement-level triggers (migration 0004):
// a membership of a missing team or user is refused and the whole statement changes nothing;
// deleting a team or a user deletes its memberships; a concurrent delete never leaves an orphan.
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { eq, inArray } from "drizzle-orm";
import { organizations, teamMemberships, teams, users } from "@/db/schema";
import { isForeignKeyViolation } from "@/lib/db-errors";
import { freshDb } from "../db";
import { makeOrg, makeUser, uniq } from "../factories";

const t = await freshDb();

async function makeTeam(orgName: string) {
  const id = uniq("team");
  await t.db.insert(teams).values({ id, organizationName: orgName, name: id });
  return id;
}

async function setup() {
  const owner = await makeUser(t.db, { admin: true });
  const org = await makeOrg(t.db, owner.id);
  const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
  const [x, y] = [await makeTeam(org.name), await makeTeam(org.name)];
  return { a: a.id, b: b.id, x, y };
}

/** Both users in both teams, in one statement. */
const everyoneInBoth = ({ a, b, x, y }: Awaited<ReturnType<typeof setup>>) =>
  t.db.insert(teamMemberships).values([x, y].flatMap((teamId) => [a, b].map((userId) => ({ teamId, userId }))));

const fails = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);
const membersOf = (teamIds: string[]) =>
  t.db.select({ teamId: teamMemberships.teamId, userId: teamMemberships.userId }).from(teamMemberships).where(inArray(teamMemberships.teamId, teamIds));

describe("team membership references", () => {
  it("refuses a membership of a team or user that does not exist, inserting none of the statement's rows", async () => {
    const { a, b, x, y } = await setup();
    const noTeam = await fails(t.db.insert(teamMemberships).values([{ teamId: x, userId: a }, { teamId: "team-missing", userId: b }]));
    expect(isForeignKeyViolation(noTeam)).toBe(true);
    const noUser = await fails(t.db.insert(teamMemberships).values([{ teamId: y, userId: b }, { teamId: y, userId: "user-missing" }]));
    expect(isForeignKeyViolation(noUser)).toBe(true);
    expect(await membersOf([x, y])).toEqual([]);
    // An update may not point a membership elsewhere either.
    await t.db.insert(teamMemberships).values({ teamId: x, userId: a });
    const moved = await fails(t.db.update(teamMemberships).set({ userId: "user-missing" }).where(eq(teamMemberships.teamId, x)));
    expect(isForeignKeyViolation(moved)).toBe(true);
    expect(await membersOf([x])).toEqual([{ teamId: x, userId: a }]);
  });

  it("accepts many memberships in one statement", async () => {
    const { a, b, x, y } = await setup();
    await everyoneInBoth({ a, b, x, y });
    expect(await membersOf([x, y])).toHaveLength(4);
  });

  it("deleting a team or a user deletes its memberships and no others", async () => {
    const { a, b, x, y } = await setup();
    await everyoneInBoth({ a, b, x, y });
    await t.db.delete(teams).where(eq(teams.id, x));
    expect(await membersOf([x, y])).toEqual(expect.arrayContaining([{ teamId: y, userId: a }, { teamId: y, userId: b }]));
    expect(await membersOf([x])).toEqual([]);
    await t.db.delete(users).where(eq(users.id, a));
    expect(await membersOf([x, y])).toEqual([{ teamId: y, userId: b }]);
  });

  it("deleting an organization (whose teams go by cascade) deletes their memberships", async () => {
    const owner = await makeUser(t.db, { admin: true });
    const org = await makeOrg(t.db, owner.id);
    const member = await makeUser(t.db);
    const team = await makeTeam(org.name);
    await t.db.insert(teamMemberships).values({ teamId: team, userId: member.id });
    await t.db.delete(organizations).where(eq(organizations.name, org.name));
    expect(await t.db.select().from(teamMemberships).where(eq(teamMemberships.userId, member.id))).toEqual([]);
    expect(await t.db.select().from(teamMemberships).where(eq(teamMemberships.userId, owner.id))).toEqual([]);
  });

  it("refuses to change the id of a team or a user", async () => {
    const { a, x } = await setup();
    expect(isForeignKeyViolation(await fails(t.db.update(teams).set({ id: uniq("team") }).where(eq(teams.id, x))))).toBe(true);
    expect(isForeignKeyViolation(await fails(t.db.update(users).set({ id: uniq("user") }).where(eq(users.id, a))))).toBe(true);
  });
});

// PGlite runs one transaction at a time; racing two transactions needs PostgreSQL.
describe.skipIf(!t.url)("team membership references under concurrency (PostgreSQL)", () => {
  it("a team deleted while a membership is being added: the delete waits and takes the membership with it", { timeout: 20_000 }, async () => {
    const { a, x } = await setup();
    const other = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      let deleted = false;
      await t.db.transaction(async (tx) => {
        await tx.insert(teamMemberships).values({ teamId: x, userId: a });
        const deleting = other`delete from teams where id = ${x}`.then(() => (deleted = true));
        await new Promise((r) => setTimeout(r, 300));
        expect(deleted).toBe(false); // blocked by the membership's key-share lock on the team
        void deleting;
      });
      await other`select 1`; // the delete finished (one connection: queued behind it)
      expect(deleted).toBe(true);
      expect(await membersOf([x])).toEqual([]);
    } finally {
      await other.end();
    }
  });

  it("a membership added while its user is being deleted fails once the delete commits", { timeout: 20_000 }, async () => {
    const { a, x } = await setup();
    const other = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      const held = other.begin(async (q) => {
        await q`delete from users where id = ${a}`;
        await q`select pg_sleep(0.5)`;
      });
      await new Promise((r) => setTimeout(r, 150));
      const error = await fails(t.db.insert(teamMemberships).values({ teamId: x, userId: a }));
      await held;
      expect(isForeignKeyViolation(error)).toBe(true);
      expect(await membersOf([x])).toEqual([]);
      expect(await t.db.select().from(teamMemberships).where(eq(teamMemberships.userId, a))).toEqual([]);
    } finally {
      await other.end();
    }
  });
});
