import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, organizationMemberships, scimGroups, teamMemberships, teams, teamScimLinks } from "@/db/schema";
import { createOrganization, getOrganization, listOrganizations } from "@/lib/admin/organizations/organizations";
import { addTeamMembers, createTeam, deleteTeam, getTeam, listTeams, removeTeamMembers, updateTeam } from "@/lib/admin/teams/teams";
import { freshDb, rowsOf } from "../db";
import { ctxFor, makeOrg, makeUser, uniq } from "../factories";

const { db } = await freshDb();

const auditCount = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events`))[0]!.n;

async function setup() {
  const admin = await makeUser(db, { admin: true });
  const org = await makeOrg(db, admin.id);
  const ctx = ctxFor(db, { type: "user", id: admin.id });
  return { admin, org, ctx };
}

describe("organizations", () => {
  it("creates the owners team holding the creator, in one audited transaction", async () => {
    const { admin, org } = await setup();
    const ownerTeams = await db.select().from(teams).where(eq(teams.organizationName, org.name));
    expect(ownerTeams).toHaveLength(1);
    expect(ownerTeams[0]).toMatchObject({ name: "owners", isOwners: true });
    expect((await getTeam(db, ownerTeams[0]!.id)).memberIds).toEqual([admin.id]);
    const memberships = await db.select().from(organizationMemberships).where(eq(organizationMemberships.organizationName, org.name));
    expect(memberships.map((m) => m.userId)).toEqual([admin.id]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, org.name));
    expect(events.map((e) => e.action)).toEqual(["organization.create"]);
    expect((await getOrganization(db, org.name.toUpperCase())).name).toBe(org.name);
  });

  it("refuses taken (case-insensitively) and invalid names and writes nothing", async () => {
    const { admin, org } = await setup();
    const before = await auditCount();
    const ctx = ctxFor(db, { type: "user", id: admin.id });
    await expect(createOrganization(ctx, { name: org.name.toUpperCase(), email: "x@example.com" })).rejects.toMatchObject({
      code: "invalid_value",
      details: { pointer: "/data/attributes/name" },
    });
    expect(await auditCount()).toBe(before);
    const { total } = await listOrganizations(db, { number: 1, size: 100 });
    const named = (await listOrganizations(db, { number: 1, size: 100 })).rows.filter((o) => o.name.toLowerCase() === org.name.toLowerCase());
    expect(named).toHaveLength(1);
    expect(total).toBeGreaterThan(0);
  });
});

describe("teams", () => {
  it("creates, lists and renames teams with per-organization, case-insensitive names", async () => {
    const { org, ctx } = await setup();
    const team = await createTeam(ctx, org.name, { name: "Developers" });
    expect(team.id).toMatch(/^team-/);
    await expect(createTeam(ctx, org.name, { name: "developers" })).rejects.toMatchObject({ code: "invalid_value" });
    await expect(createTeam(ctx, org.name, { name: "" })).rejects.toMatchObject({ details: { pointer: "/data/attributes/name" } });
    await expect(createTeam(ctx, "no-such-org", { name: "x" })).rejects.toMatchObject({ code: "not_found" });
    const other = await makeOrg(db, ctx.actor.id!);
    await createTeam(ctx, other.name, { name: "Developers" });
    const { rows, total } = await listTeams(db, org.name, { number: 1, size: 20 });
    expect(total).toBe(2);
    expect(rows.map((r) => r.team.name)).toEqual(["owners", "Developers"]);
    const renamed = await updateTeam(ctx, team.id, { name: "Platform" });
    expect(renamed.name).toBe("Platform");
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, team.id));
    expect(events.map((e) => e.action)).toEqual(["team.create", "team.update"]);
  });

  it("protects the owners team", async () => {
    const { admin, org, ctx } = await setup();
    const { rows } = await listTeams(db, org.name, { number: 1, size: 20 });
    const owners = rows[0]!.team;
    await expect(updateTeam(ctx, owners.id, { name: "bosses" })).rejects.toMatchObject({ code: "invalid_value" });
    await expect(deleteTeam(ctx, owners.id)).rejects.toMatchObject({ code: "invalid_value" });
    await expect(removeTeamMembers(ctx, owners.id, [admin.id])).rejects.toMatchObject({ code: "invalid_value" });
    expect((await getTeam(db, owners.id)).memberIds).toEqual([admin.id]);
  });

  it("adds members with their organization membership, removes them, and audits counts", async () => {
    const { org, ctx } = await setup();
    const team = await createTeam(ctx, org.name, { name: uniq("team") });
    const a = await makeUser(db);
    const b = await makeUser(db);
    expect((await addTeamMembers(ctx, team.id, [a.id, b.id, a.id])).sort()).toEqual([a.id, b.id].sort());
    expect(await addTeamMembers(ctx, team.id, [a.id])).toEqual([]);
    const orgMembers = await db
      .select()
      .from(organizationMemberships)
      .where(and(eq(organizationMemberships.organizationName, org.name)));
    expect(orgMembers.map((m) => m.userId)).toEqual(expect.arrayContaining([a.id, b.id]));
    await expect(addTeamMembers(ctx, team.id, [a.id, "user-doesnotexist"])).rejects.toMatchObject({ code: "not_found" });
    expect(await removeTeamMembers(ctx, team.id, [a.id, "user-doesnotexist"])).toEqual([a.id]);
    expect((await getTeam(db, team.id)).memberIds).toEqual([b.id]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, team.id));
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["team.create", "success"],
      ["team.member-add", "success"],
      ["team.member-add", "noop"],
      ["team.member-remove", "success"],
    ]);
  });

  it("refuses manual edits, renames and deletion of a team linked to a SCIM group", async () => {
    const { org, ctx } = await setup();
    const team = await createTeam(ctx, org.name, { name: uniq("linked") });
    const [group] = await db.insert(scimGroups).values({ displayName: uniq("group") }).returning();
    await db.insert(teamScimLinks).values({ teamId: team.id, scimGroupId: group!.id });
    const u = await makeUser(db);
    await expect(addTeamMembers(ctx, team.id, [u.id])).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeTeamMembers(ctx, team.id, [u.id])).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateTeam(ctx, team.id, { name: "renamed" })).rejects.toMatchObject({ code: "invalid_value" });
    await expect(deleteTeam(ctx, team.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.select().from(teamMemberships).where(eq(teamMemberships.teamId, team.id))).toEqual([]);
    expect((await getTeam(db, team.id)).link?.scimGroupId).toBe(group!.id);
  });

  it("deletes a manual team with its memberships", async () => {
    const { org, ctx } = await setup();
    const team = await createTeam(ctx, org.name, { name: uniq("temp") });
    await addTeamMembers(ctx, team.id, [(await makeUser(db)).id]);
    await deleteTeam(ctx, team.id);
    await expect(getTeam(db, team.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.select().from(teamMemberships).where(eq(teamMemberships.teamId, team.id))).toEqual([]);
    await expect(deleteTeam(ctx, team.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("organization names", () => {
  it("reserves names that console paths use", async () => {
    const { CreateOrganizationInput } = await import("@/lib/admin/organizations/organizations");
    for (const name of ["admin", "Organizations", "settings"]) {
      expect(CreateOrganizationInput.safeParse({ name, email: "a@example.com" }).success, name).toBe(false);
    }
    expect(CreateOrganizationInput.safeParse({ name: "admins", email: "a@example.com" }).success).toBe(true);
  });
});
