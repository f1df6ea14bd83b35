// Site-admin group (SPEC §6) and team sync (SPEC §7): every rule, a property test that checks the
// invariants recomputed from scratch after random operation sequences, and concurrency.
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, organizationMemberships, scimGroups, teamMemberships, teamScimLinks, users } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { addTeamMembers, createTeam, deleteTeam, getTeam, removeTeamMembers, updateTeam } from "@/lib/admin/teams/teams";
import { createScimGroup, deleteScimGroup, updateScimGroup } from "@/lib/scim/groups/scim-groups";
import { disableScim, updateScimSettings } from "@/lib/scim/settings/scim-settings";
import { setManualSiteAdmin } from "@/lib/admin/users/user-admin";
import { linkTeam, setTeamSyncPaused, unlinkTeam } from "@/lib/scim/sync/team-links";
import { createScimUser, deleteScimUser, updateScimUser } from "@/lib/scim/users/scim-users";
import { parseUserBody } from "@/lib/scim/users/user-attributes";
import { getAdminScimGroup, listAdminScimGroups } from "@/lib/scim/groups/admin-groups";
import { clearFaults, injectFault, InjectedFault } from "@/lib/test-hooks";
import { freshDb } from "../db";
import { ctxFor, makeOrg, makeUser, uniq } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const { db, url } = await freshDb();
const admin = await makeUser(db, { admin: true });
const adminCtx = () => ctxFor(db, { type: "user", id: admin.id });
const scimCtx = () => ctxFor(db, { type: "scim-token", id: "at-test" });
const org = await makeOrg(db, admin.id);
const orgName = org.name;

async function scimUser(active = true) {
  const email = `${uniq("p")}@example.com`;
  const { identity, user } = await createScimUser(scimCtx(), parseUserBody({ userName: email, emails: [{ value: email }], active }, true));
  return { scimId: identity.id, userId: user.id };
}
const group = async (members: string[] = []) => (await createScimGroup(scimCtx(), { displayName: uniq("G"), externalId: null, members })).group.id;
const members = (groupId: string, add: string[] = [], remove: string[] = []) =>
  updateScimGroup(scimCtx(), groupId, (cur) => ({ attributes: cur, members: { add, remove, replaceWith: null } }));
const setActive = (scimId: string, active: boolean) => updateScimUser(scimCtx(), scimId, "update", (a) => ({ ...a, active }));
const team = async () => (await createTeam(adminCtx(), orgName, { name: uniq("team") })).id;
const teamMembers = async (teamId: string) =>
  (await db.select({ u: teamMemberships.userId }).from(teamMemberships).where(eq(teamMemberships.teamId, teamId))).map((r) => r.u).sort();
const scimAdmins = async () => (await db.select({ id: users.id }).from(users).where(eq(users.siteAdminScim, true))).map((r) => r.id).sort();
const setAdminGroup = (id: string | null) => updateScimSettings(adminCtx(), { siteAdminGroupId: id });
const sorted = (ids: string[]) => [...ids].sort();

beforeEach(async () => {
  await disableScim(adminCtx());
  await db.update(users).set({ siteAdminScim: false });
  await setSaml(db, true);
  await setScim(db, "enabled");
});

describe("site-admin group", () => {
  it("mapping grants every active member and revokes other SCIM grants; manual grants stay", async () => {
    const [a, b, c, off] = [await scimUser(), await scimUser(), await scimUser(), await scimUser(false)];
    const g1 = await group([a.scimId, b.scimId, off.scimId]);
    const g2 = await group([b.scimId, c.scimId]);
    await setAdminGroup(g1);
    expect(await scimAdmins()).toEqual(sorted([a.userId, b.userId]));
    // A recovery admin's manual grant is never touched by SCIM.
    expect((await db.select().from(users).where(eq(users.id, admin.id)))[0]).toMatchObject({ siteAdminManual: true, siteAdminScim: false });
    const c2 = adminCtx();
    await updateScimSettings(c2, { siteAdminGroupId: g2 });
    expect(await scimAdmins()).toEqual(sorted([b.userId, c.userId]));
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c2.requestId));
    expect(event).toMatchObject({ action: "scim-settings.site-admin-group-change", summary: { siteAdmin: { granted: 1, revoked: 1 } } });
    expect((await db.select().from(users).where(eq(users.id, admin.id)))[0]!.siteAdminManual).toBe(true);
  });

  it("adds grant, removals, deactivation and deletion revoke, reactivation re-grants", async () => {
    const [a, b, c] = [await scimUser(), await scimUser(), await scimUser()];
    const g = await group([a.scimId]);
    await setAdminGroup(g);
    await members(g, [b.scimId, c.scimId]);
    expect(await scimAdmins()).toEqual(sorted([a.userId, b.userId, c.userId]));
    await members(g, [], [b.scimId]);
    expect(await scimAdmins()).toEqual(sorted([a.userId, c.userId]));
    await setActive(a.scimId, false);
    expect(await scimAdmins()).toEqual([c.userId]);
    await setActive(a.scimId, true);
    expect(await scimAdmins()).toEqual(sorted([a.userId, c.userId]));
    await deleteScimUser(scimCtx(), c.scimId);
    expect(await scimAdmins()).toEqual([a.userId]);
    // A suspended member is granted only once reactivated.
    const d = await scimUser(false);
    await members(g, [d.scimId]);
    expect(await scimAdmins()).toEqual([a.userId]);
    await setActive(d.scimId, true);
    expect(await scimAdmins()).toEqual(sorted([a.userId, d.userId]));
  });

  it("clearing, deleting the group and disabling SCIM revoke nothing; a later deactivation does", async () => {
    const [a, b] = [await scimUser(), await scimUser()];
    const g = await group([a.scimId, b.scimId]);
    await setAdminGroup(g);
    await setAdminGroup(null);
    expect(await scimAdmins()).toEqual(sorted([a.userId, b.userId]));
    await setActive(a.scimId, false);
    expect(await scimAdmins()).toEqual([b.userId]);
    await setAdminGroup(g);
    await deleteScimGroup(scimCtx(), g);
    expect(await scimAdmins()).toEqual([b.userId]);
    expect(rowsOf<{ g: string | null }>(await db.execute(sql`select site_admin_group_id as g from scim_settings`))[0]!.g).toBeNull();
    await disableScim(adminCtx());
    expect(await scimAdmins()).toEqual([b.userId]);
  });

  it("an admin cannot revoke a grant the mapped group backs, but can revoke one left over after a clear", async () => {
    const [a, b] = [await scimUser(), await scimUser()];
    const g = await group([a.scimId, b.scimId]);
    await setAdminGroup(g);
    await expect(setManualSiteAdmin(adminCtx(), a.userId, false)).rejects.toMatchObject({ code: "invalid_value", message: /Site Admin IdP Group/ });
    // With a manual grant too, revoking removes only the manual one: the group still backs the SCIM one.
    await setManualSiteAdmin(adminCtx(), a.userId, true);
    await setManualSiteAdmin(adminCtx(), a.userId, false);
    expect((await db.select().from(users).where(eq(users.id, a.userId)))[0]).toMatchObject({ siteAdminManual: false, siteAdminScim: true });
    await setAdminGroup(null);
    const c = adminCtx();
    expect(await setManualSiteAdmin(c, a.userId, false)).toMatchObject({ siteAdminManual: false, siteAdminScim: false });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(event).toMatchObject({ action: "site-admin.revoke", targetId: a.userId, outcome: "success", summary: { source: "scim" } });
    expect(await scimAdmins()).toEqual([b.userId]);
    // After SCIM is disabled (identities gone) the leftover grant is revocable as well.
    await disableScim(adminCtx());
    await setManualSiteAdmin(adminCtx(), b.userId, false);
    expect(await scimAdmins()).toEqual([]);
  });

  it("the site-admin group and a linked group exclude each other (422 both ways)", async () => {
    const g = await group();
    const t = await team();
    await linkTeam(adminCtx(), t, g);
    await expect(setAdminGroup(g)).rejects.toMatchObject({ code: "invalid_value" });
    const g2 = await group();
    await setAdminGroup(g2);
    await expect(linkTeam(adminCtx(), await team(), g2)).rejects.toMatchObject({ code: "invalid_value", message: /site admin group/ });
  });
});

describe("team links", () => {
  it("link replaces every member with the group's active members, adding organization memberships", async () => {
    const outsider = await makeUser(db);
    const [a, b, off] = [await scimUser(), await scimUser(), await scimUser(false)];
    const t = await team();
    await addTeamMembers(adminCtx(), t, [outsider.id, a.userId]);
    const g = await group([a.scimId, b.scimId, off.scimId]);
    const c = adminCtx();
    await linkTeam(c, t, g);
    expect(await teamMembers(t)).toEqual(sorted([a.userId, b.userId]));
    const orgMembers = (await db.select().from(organizationMemberships).where(eq(organizationMemberships.organizationName, orgName))).map((m) => m.userId);
    expect(orgMembers).toEqual(expect.arrayContaining([a.userId, b.userId]));
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(event).toMatchObject({ action: "team-link.create", targetType: "team", targetId: t, summary: { scimGroupId: g, added: 1, removed: 1 } });
    const view = await getTeam(db, t);
    expect(view.link).toMatchObject({ scimGroupId: g, syncPaused: false });
  });

  it("answers 404, 409, 413 and 422 as SPEC §5 says", async () => {
    const g = await group();
    const t = await team();
    await expect(linkTeam(adminCtx(), "team-nope", g)).rejects.toMatchObject({ code: "not_found" });
    await expect(linkTeam(adminCtx(), t, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(linkTeam(adminCtx(), t, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    await linkTeam(adminCtx(), t, g);
    await expect(linkTeam(adminCtx(), t, g)).rejects.toMatchObject({ code: "conflict", message: "Team is already linked to a SCIM group" });
    await expect(linkTeam(adminCtx(), t, await group())).rejects.toMatchObject({ code: "conflict" });
    const owners = rowsOf<{ id: string }>(await db.execute(sql`select id from teams where organization_name = ${orgName} and is_owners`))[0]!.id;
    await expect(linkTeam(adminCtx(), owners, g)).rejects.toMatchObject({ code: "invalid_value", message: /owners/ });
    const other = await team();
    await unlinkTeam(adminCtx(), t);
    await expect(unlinkTeam(adminCtx(), t)).rejects.toMatchObject({ code: "conflict", message: "Team is not linked to a SCIM group" });
    await expect(setTeamSyncPaused(adminCtx(), other, true)).rejects.toMatchObject({ code: "conflict" });
  });

  it("413 for a group over 1,000 members (a direct insert makes one)", async () => {
    const g = await group();
    const people = Array.from({ length: 1001 }, (_, i) => ({ id: `user-big-${uniq()}-${i}`, username: uniq("big"), email: `${uniq("big")}@example.com` }));
    await db.insert(users).values(people);
    await db.execute(sql`
      insert into scim_identities (user_id, user_name) select id, email from users where id like 'user-big-%' and id not in (select user_id from scim_identities)`);
    await db.execute(sql`insert into scim_group_members (group_id, identity_id) select ${g}::uuid, i.id from scim_identities i join users u on u.id = i.user_id where u.id like 'user-big-%' on conflict do nothing`);
    await expect(linkTeam(adminCtx(), await team(), g)).rejects.toMatchObject({ code: "too_large" });
  });

  it("propagates group changes and user deactivation, reactivation and deletion; paused teams freeze; resume reconciles", async () => {
    const [a, b, c] = [await scimUser(), await scimUser(), await scimUser()];
    const g = await group([a.scimId]);
    const [t1, t2] = [await team(), await team()];
    await linkTeam(adminCtx(), t1, g);
    await linkTeam(adminCtx(), t2, g);
    await members(g, [b.scimId, c.scimId]);
    expect(await teamMembers(t1)).toEqual(sorted([a.userId, b.userId, c.userId]));
    await setTeamSyncPaused(adminCtx(), t2, true);
    await members(g, [], [b.scimId]);
    await setActive(a.scimId, false);
    expect(await teamMembers(t1)).toEqual([c.userId]);
    expect(await teamMembers(t2)).toEqual(sorted([a.userId, b.userId, c.userId]));
    const [pausedLink] = await db.select().from(teamScimLinks).where(eq(teamScimLinks.teamId, t2));
    await setActive(a.scimId, true);
    expect(await teamMembers(t1)).toEqual(sorted([a.userId, c.userId]));
    const [stillPaused] = await db.select().from(teamScimLinks).where(eq(teamScimLinks.teamId, t2));
    expect(stillPaused!.syncedAt).toEqual(pausedLink!.syncedAt);
    await deleteScimUser(scimCtx(), c.scimId);
    expect(await teamMembers(t1)).toEqual([a.userId]);
    await setTeamSyncPaused(adminCtx(), t2, false);
    expect(await teamMembers(t2)).toEqual([a.userId]);
    // Same value again is a no-op.
    const again = adminCtx();
    await setTeamSyncPaused(again, t2, false);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.requestId, again.requestId)))[0]).toMatchObject({ action: "team-link.resume", outcome: "noop" });
  });

  it("unlink and group deletion keep the members; linked teams refuse manual edits (403), rename (422) and delete (404)", async () => {
    const [a, b] = [await scimUser(), await scimUser()];
    const g = await group([a.scimId]);
    const t = await team();
    await linkTeam(adminCtx(), t, g);
    await expect(addTeamMembers(adminCtx(), t, [b.userId])).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeTeamMembers(adminCtx(), t, [a.userId])).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateTeam(adminCtx(), t, { name: uniq("renamed") })).rejects.toMatchObject({ code: "invalid_value" });
    await expect(deleteTeam(adminCtx(), t)).rejects.toMatchObject({ code: "not_found" });
    await unlinkTeam(adminCtx(), t);
    expect(await teamMembers(t)).toEqual([a.userId]);
    await addTeamMembers(adminCtx(), t, [b.userId]);
    const t2 = await team();
    await linkTeam(adminCtx(), t2, g);
    await deleteScimGroup(scimCtx(), g);
    expect(await teamMembers(t2)).toEqual([a.userId]);
    expect(await db.select().from(teamScimLinks).where(eq(teamScimLinks.teamId, t2))).toEqual([]);
  });

  it("linking is allowed while SCIM is paused, from the stored group", async () => {
    const a = await scimUser();
    const g = await group([a.scimId]);
    await setScim(db, "paused");
    const t = await team();
    await linkTeam(adminCtx(), t, g);
    expect(await teamMembers(t)).toEqual([a.userId]);
  });

  it("lists groups for the admin API with counts, linked teams and the site-admin marker", async () => {
    const a = await scimUser();
    const name = uniq("Zeta Engineers");
    const g = (await createScimGroup(scimCtx(), { displayName: name, externalId: "ext-1", members: [a.scimId] })).group.id;
    const other = await group();
    const t = await team();
    await linkTeam(adminCtx(), t, g);
    await setAdminGroup(other);
    const { rows, total } = await listAdminScimGroups(db, "zeta eng", { number: 1, size: 20 });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ id: g, name, externalId: "ext-1", memberCount: 1, linkedTeamCount: 1, isSiteAdminGroup: false, linkedTeams: [{ id: t, organizationName: orgName }] });
    expect((await listAdminScimGroups(db, "", { number: 1, size: 20 })).rows.find((r) => r.id === other)).toMatchObject({ isSiteAdminGroup: true });
    expect((await listAdminScimGroups(db, "%", { number: 1, size: 20 })).total).toBe(0);
    const detail = await getAdminScimGroup(db, g);
    expect(detail.members).toEqual([expect.objectContaining({ userId: a.userId, identityId: a.scimId, active: true })]);
    await disableScim(adminCtx());
    expect(await listAdminScimGroups(db, "", { number: 1, size: 20 })).toEqual({ rows: [], total: 0 });
  });
});

/** SPEC §6 and §7 recomputed from scratch. */
async function expectInvariants(adminGroupMapped: boolean) {
  const activeMembers = async (groupId: string) =>
    rowsOf<{ user_id: string }>(
      await db.execute(sql`
        select i.user_id from scim_group_members m join scim_identities i on i.id = m.identity_id join users u on u.id = i.user_id
        where m.group_id = ${groupId}::uuid and u.suspended_at is null`),
    )
      .map((r) => r.user_id)
      .sort();
  const links = await db.select().from(teamScimLinks);
  for (const link of links.filter((l) => !l.syncPaused)) {
    expect(await teamMembers(link.teamId), `team ${link.teamId}`).toEqual(await activeMembers(link.scimGroupId));
  }
  const [settings] = rowsOf<{ site_admin_group_id: string | null }>(await db.execute(sql`select site_admin_group_id from scim_settings`));
  const holders = await scimAdmins();
  if (settings!.site_admin_group_id && adminGroupMapped) expect(holders).toEqual(await activeMembers(settings!.site_admin_group_id));
  // Always: no SCIM grant survives a deactivation or a deletion.
  const stale = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users u where site_admin_scim and (suspended_at is not null or not exists (select 1 from scim_identities i where i.user_id = u.id))`),
  );
  expect(stale).toEqual([]);
}

describe("failures roll everything back", () => {
  it("a link, a resume or a group change that fails after propagating applies nothing", async () => {
    const [a, b] = [await scimUser(), await scimUser()];
    const outsider = await makeUser(db);
    const g = await group([a.scimId]);
    const t = await team();
    await addTeamMembers(adminCtx(), t, [outsider.id]);
    const audited = async (c: { requestId: string }) => db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    try {
      injectFault("team-link.after-replace", { kind: "throw" });
      const c1 = adminCtx();
      await expect(linkTeam(c1, t, g)).rejects.toBeInstanceOf(InjectedFault);
      expect(await teamMembers(t)).toEqual([outsider.id]);
      expect(await db.select().from(teamScimLinks).where(eq(teamScimLinks.teamId, t))).toEqual([]);
      expect(await audited(c1)).toEqual([]);
      clearFaults();

      await linkTeam(adminCtx(), t, g);
      await setTeamSyncPaused(adminCtx(), t, true);
      await members(g, [b.scimId]);
      injectFault("team-link.after-resume", { kind: "throw" });
      await expect(setTeamSyncPaused(adminCtx(), t, false)).rejects.toBeInstanceOf(InjectedFault);
      expect(await teamMembers(t)).toEqual([a.userId]);
      expect((await db.select().from(teamScimLinks).where(eq(teamScimLinks.teamId, t)))[0]!.syncPaused).toBe(true);
      clearFaults();
      await setTeamSyncPaused(adminCtx(), t, false);

      injectFault("scim-group.after-propagation", { kind: "throw" });
      const c3 = scimCtx();
      const c = await scimUser();
      await expect(updateScimGroup(c3, g, (cur) => ({ attributes: cur, members: { add: [c.scimId], remove: [a.scimId], replaceWith: null } }))).rejects.toBeInstanceOf(InjectedFault);
      expect(await teamMembers(t)).toEqual(sorted([a.userId, b.userId]));
      expect(await audited(c3)).toEqual([]);
    } finally {
      clearFaults();
    }
  });
});

describe("invariants under random operation sequences", () => {
  it("hold after every step (property test)", { timeout: 240_000 }, async () => {
    type Op =
      | { k: "add" | "remove"; g: number; u: number }
      | { k: "deactivate" | "reactivate" | "delete"; u: number }
      | { k: "link" | "unlink" | "pause" | "resume"; t: number; g: number }
      | { k: "map"; g: number | null };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ k: fc.constantFrom("add" as const, "remove" as const), g: fc.nat(2), u: fc.nat(5) }),
      fc.record({ k: fc.constantFrom("deactivate" as const, "reactivate" as const, "delete" as const), u: fc.nat(5) }),
      fc.record({ k: fc.constantFrom("link" as const, "unlink" as const, "pause" as const, "resume" as const), t: fc.nat(2), g: fc.nat(2) }),
      fc.record({ k: fc.constant("map" as const), g: fc.option(fc.nat(2), { nil: null }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 18 }), async (ops) => {
        await disableScim(adminCtx());
        await db.update(users).set({ siteAdminScim: false });
        await setScim(db, "enabled");
        const people = await Promise.all(Array.from({ length: 6 }, () => scimUser()));
        const groups = [await group([people[0]!.scimId]), await group(), await group([people[1]!.scimId, people[2]!.scimId])];
        const teams = [await team(), await team(), await team()];
        await linkTeam(adminCtx(), teams[0]!, groups[2]!);
        const deleted = new Set<number>();
        let mapped = false;
        for (const o of ops) {
          const ignore = (e: { code?: string }) => {
            if (!["conflict", "invalid_value", "not_found"].includes(e.code ?? "")) throw e;
          };
          switch (o.k) {
            case "add":
            case "remove":
              if (deleted.has(o.u)) break;
              await members(groups[o.g]!, o.k === "add" ? [people[o.u]!.scimId] : [], o.k === "remove" ? [people[o.u]!.scimId] : []);
              break;
            case "deactivate":
            case "reactivate":
              if (!deleted.has(o.u)) await setActive(people[o.u]!.scimId, o.k === "reactivate");
              break;
            case "delete":
              if (!deleted.has(o.u)) await deleteScimUser(scimCtx(), people[o.u]!.scimId);
              deleted.add(o.u);
              break;
            case "link":
              await linkTeam(adminCtx(), teams[o.t]!, groups[o.g]!).catch(ignore);
              break;
            case "unlink":
              await unlinkTeam(adminCtx(), teams[o.t]!).catch(ignore);
              break;
            case "pause":
            case "resume":
              await setTeamSyncPaused(adminCtx(), teams[o.t]!, o.k === "pause").catch(ignore);
              break;
            case "map":
              await setAdminGroup(o.g === null ? null : groups[o.g]!).catch(ignore);
              mapped = o.g !== null ? true : mapped;
              break;
          }
          await expectInvariants(mapped);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe("group lastModified", () => {
  it("moves when deleting a user takes it out of the group, and only for its groups", async () => {
    const [p, q] = [await scimUser(), await scimUser()];
    const [g1, g2, other] = [await group([p.scimId, q.scimId]), await group([p.scimId]), await group([q.scimId])];
    const stamp = async (id: string) => (await db.select({ at: scimGroups.updatedAt }).from(scimGroups).where(eq(scimGroups.id, id)))[0]!.at;
    const before = await stamp(other);
    const c = { ...scimCtx(), now: new Date(Date.now() + 60_000) };
    await deleteScimUser(c, p.scimId);
    expect([await stamp(g1), await stamp(g2)]).toEqual([c.now, c.now]);
    expect(await stamp(other)).toEqual(before);
  });
});

describe("concurrency", () => {
  it("parallel member changes, deactivations and a link never leave a team out of sync", { timeout: 60_000 }, async () => {
    const people = await Promise.all(Array.from({ length: 12 }, () => scimUser()));
    const g = await group(people.slice(0, 4).map((p) => p.scimId));
    const [t1, t2] = [await team(), await team()];
    await linkTeam(adminCtx(), t1, g);
    const settle = (p: Promise<unknown>) => p.catch((e: { code?: string }) => {
      if (e.code !== "unavailable") throw e;
    });
    await Promise.all([
      ...people.slice(4).map((p) => settle(members(g, [p.scimId]))),
      ...people.slice(0, 3).map((p) => settle(setActive(p.scimId, false))),
      settle(members(g, [], [people[3]!.scimId])),
      settle(linkTeam(adminCtx(), t2, g)),
    ]);
    await expectInvariants(false);
    expect((await teamMembers(t1)).length).toBeGreaterThan(0);
    const [l2] = await db.select().from(teamScimLinks).where(and(eq(teamScimLinks.teamId, t2), eq(teamScimLinks.scimGroupId, g)));
    expect(l2).toBeDefined();
  });
});

// A user's activation or deactivation is one optimistic statement (no lock taken beforehand). These
// races are the ones that statement must not lose: a group change that propagates to the user is
// open (rows written, not committed) when the user's write starts, so the write's snapshot cannot
// see it. PGlite runs one transaction at a time; racing two needs PostgreSQL.
type HeldStep = "team-link.after-replace" | "team-link.after-resume" | "scim-group.after-propagation";

describe.skipIf(!url)("a user's write racing an open group change (PostgreSQL)", () => {
  /** Holds `step` once reached; resolves `reached` then, and lets go on `release()`. */
  function hold(step: HeldStep) {
    let release!: () => void;
    let reached!: () => void;
    const until = new Promise<void>((r) => (release = r));
    const isReached = new Promise<void>((r) => (reached = r));
    injectFault(step, { kind: "hold", reached, until });
    return { reached: isReached, release };
  }

  /** Until some statement of this database waits for a lock (the user's write, behind the group change). */
  async function untilWaitingForALock() {
    for (let i = 0; i < 200; i++) {
      const [row] = rowsOf<{ n: number | string }>(
        await db.execute(sql`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`),
      );
      if (Number(row?.n) > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("the user's write never waited for the group change's locks");
  }

  async function race(step: HeldStep, groupChange: () => Promise<unknown>, userWrite: () => Promise<unknown>) {
    const held = hold(step);
    try {
      const changing = groupChange();
      await held.reached;
      const writing = userWrite();
      await untilWaitingForALock();
      held.release();
      await Promise.all([changing, writing]);
    } finally {
      held.release();
      clearFaults();
    }
  }

  it("a deactivation while a link of the user's group is open: the user ends in none of the team's members", { timeout: 30_000 }, async () => {
    const [p, q] = [await scimUser(), await scimUser()];
    const g = await group([p.scimId, q.scimId]);
    const t1 = await team();
    await race("team-link.after-replace", () => linkTeam(adminCtx(), t1, g), () => setActive(p.scimId, false));
    expect(await teamMembers(t1)).toEqual([q.userId]);
    await expectInvariants(false);
  });

  it("a deactivation while the user is being added to a linked group: the add does not outlive it", { timeout: 30_000 }, async () => {
    const [p, q] = [await scimUser(), await scimUser()];
    const g = await group([q.scimId]);
    const t1 = await team();
    await linkTeam(adminCtx(), t1, g);
    await race("scim-group.after-propagation", () => members(g, [p.scimId]), () => setActive(p.scimId, false));
    expect(await teamMembers(t1)).toEqual([q.userId]);
    await expectInvariants(false);
  });

  it("a reactivation while the user is being removed from a linked group: the removal holds", { timeout: 30_000 }, async () => {
    const [p, q] = [await scimUser(false), await scimUser()];
    const g = await group([p.scimId, q.scimId]);
    const t1 = await team();
    await linkTeam(adminCtx(), t1, g);
    await race("scim-group.after-propagation", () => members(g, [], [p.scimId]), () => setActive(p.scimId, true));
    expect(await teamMembers(t1)).toEqual([q.userId]);
    await expectInvariants(false);
  });

  it("a second link of a team while its first is open: 409, not a primary-key 500; one link, one audit event", { timeout: 30_000 }, async () => {
    const [g1, g2] = [await group(), await group()];
    for (const second of [g1, g2]) {
      const t1 = await team();
      let outcome: unknown;
      await race("team-link.after-replace", () => linkTeam(adminCtx(), t1, g1), () => linkTeam(adminCtx(), t1, second).then(() => "linked", (e: unknown) => (outcome = e)));
      expect(outcome).toMatchObject({ code: "conflict", message: "Team is already linked to a SCIM group" });
      expect(await db.select().from(teamScimLinks).where(eq(teamScimLinks.teamId, t1))).toEqual([expect.objectContaining({ scimGroupId: g1 })]);
      expect(await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, t1), eq(auditEvents.action, "team-link.create")))).toHaveLength(1);
    }
  });

  it("a second pause while the first is open is a noop in the audit log", { timeout: 30_000 }, async () => {
    const g = await group();
    const t1 = await team();
    await linkTeam(adminCtx(), t1, g);
    await race("team-link.after-resume", () => setTeamSyncPaused(adminCtx(), t1, true), () => setTeamSyncPaused(adminCtx(), t1, true));
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, t1), eq(auditEvents.action, "team-link.pause")));
    expect(events.map((e) => e.outcome).sort()).toEqual(["noop", "success"]);
  });

  it("a reactivation while the user is being added to the site-admin group: the user is granted", { timeout: 30_000 }, async () => {
    const [p, q] = [await scimUser(false), await scimUser()];
    const g = await group([q.scimId]);
    await setAdminGroup(g);
    await race("scim-group.after-propagation", () => members(g, [p.scimId]), () => setActive(p.scimId, true));
    expect(await scimAdmins()).toEqual(sorted([p.userId, q.userId]));
    await expectInvariants(true);
  });
});
