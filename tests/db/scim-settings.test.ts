import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  auditEvents,
  scimGroupMembers,
  scimGroups,
  scimIdentities,
  scimTokens,
  teamMemberships,
  teamScimLinks,
  users,
} from "@/db/schema";
import {
  disableScim,
  getScimSettings,
  parseScimSettingsPatch,
  requireScimActive,
  scimState,
  updateScimSettings,
} from "@/lib/scim/settings/scim-settings";
import { createScimToken } from "@/lib/scim/tokens/scim-tokens";
import { addTeamMembers, createTeam } from "@/lib/admin/teams/teams";
import { freshDb } from "../db";
import { ctxFor, makeOrg, makeUser, TEST_KEYS, uniq } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const { db } = await freshDb();
const admin = await makeUser(db, { admin: true });
const ctx = () => ctxFor(db, { type: "user", id: admin.id });
const patch = (attrs: Record<string, unknown>) => updateScimSettings(ctx(), parseScimSettingsPatch(attrs));
const state = async () => scimState(await getScimSettings(db));

beforeEach(async () => {
  await disableScim(ctx());
  await setSaml(db, true);
});

describe("SCIM state machine", () => {
  it("enable → pause → resume, each audited once", async () => {
    const c = ctx();
    await updateScimSettings(c, parseScimSettingsPatch({ enabled: true }));
    expect(await state()).toBe("enabled");
    await patch({ paused: true });
    expect(await state()).toBe("paused");
    await patch({ paused: false });
    expect(await state()).toBe("enabled");
    const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(events.map((e) => [e.action, e.summary])).toEqual([["scim-settings.enable", { from: "disabled", to: "enabled" }]]);
  });

  it("refuses to enable without SAML (422 that says so) and changes nothing", async () => {
    await setSaml(db, false);
    await expect(patch({ enabled: true })).rejects.toMatchObject({ code: "invalid_value", message: expect.stringMatching(/SAML/) });
    expect(await state()).toBe("disabled");
  });

  it("422 for enabled:false, pause while disabled, wrong types, unknown site-admin group", async () => {
    await expect(patch({ paused: true })).rejects.toMatchObject({ code: "invalid_value", details: { pointer: "/data/attributes/paused" } });
    await patch({ enabled: true });
    await expect(patch({ enabled: false })).rejects.toMatchObject({ code: "invalid_value", message: expect.stringMatching(/DELETE/) });
    expect(() => parseScimSettingsPatch({ enabled: "true" })).toThrow(expect.objectContaining({ code: "invalid_value" }));
    expect(() => parseScimSettingsPatch({ "site-admin-group-scim-id": 42 })).toThrow(expect.objectContaining({ code: "invalid_value" }));
    await expect(patch({ "site-admin-group-scim-id": "not-a-uuid" })).rejects.toMatchObject({ code: "invalid_value" });
    await expect(patch({ "site-admin-group-scim-id": "8c6c6f4e-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "invalid_value" });
    expect(await state()).toBe("enabled");
  });

  it("a linked group cannot become the site-admin group; an unlinked one can, and null clears", async () => {
    await patch({ enabled: true });
    const org = await makeOrg(db, admin.id);
    const team = await createTeam(ctx(), org.name, { name: uniq("t") });
    const [linked] = await db.insert(scimGroups).values({ displayName: uniq("linked") }).returning();
    const [free] = await db.insert(scimGroups).values({ displayName: uniq("admins") }).returning();
    await db.insert(teamScimLinks).values({ teamId: team.id, scimGroupId: linked!.id });
    await expect(patch({ "site-admin-group-scim-id": linked!.id })).rejects.toMatchObject({ message: expect.stringMatching(/linked to a team/) });
    await patch({ "site-admin-group-scim-id": free!.id });
    expect(await getScimSettings(db)).toMatchObject({ siteAdminGroupId: free!.id, siteAdminGroupDisplayName: free!.displayName });
    // The same id in upper case names the same group: nothing changes.
    const same = ctx();
    await updateScimSettings(same, parseScimSettingsPatch({ "site-admin-group-scim-id": free!.id.toUpperCase() }));
    expect((await db.select().from(auditEvents).where(eq(auditEvents.requestId, same.requestId)))[0]).toMatchObject({ outcome: "noop" });
    expect((await getScimSettings(db)).siteAdminGroupId).toBe(free!.id);
    await patch({ "site-admin-group-scim-id": null });
    expect((await getScimSettings(db)).siteAdminGroupId).toBeNull();
  });

  it("a PATCH that changes nothing is audited as noop and omitted attributes stay", async () => {
    await patch({ enabled: true });
    const c = ctx();
    await updateScimSettings(c, parseScimSettingsPatch({ enabled: true }));
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(event).toMatchObject({ action: "scim-settings.enable", outcome: "noop" });
    await patch({ paused: true });
    await patch({});
    expect(await state()).toBe("paused");
  });

  it("requireScimActive refuses inside the transaction while disabled or paused", async () => {
    await expect(db.transaction((tx) => requireScimActive(tx))).rejects.toMatchObject({ code: "forbidden" });
    await setScim(db, "paused");
    await expect(db.transaction((tx) => requireScimActive(tx))).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/paused/) });
    await setScim(db, "enabled");
    await expect(db.transaction((tx) => requireScimActive(tx))).resolves.toMatchObject({ enabled: true });
  });
});

describe("disable", () => {
  it("deletes SCIM groups, memberships, links and identities, revokes tokens; keeps users, teams, members, grants", async () => {
    await patch({ enabled: true });
    await patch({ paused: true });
    const { token } = await createScimToken(ctx(), TEST_KEYS, {});
    const person = await makeUser(db);
    await db.update(users).set({ suspendedAt: new Date(), suspendedBy: "scim", siteAdminScim: true }).where(eq(users.id, person.id));
    const [identity] = await db.insert(scimIdentities).values({ userId: person.id, userName: uniq("u") }).returning();
    const [group] = await db.insert(scimGroups).values({ displayName: uniq("g") }).returning();
    await db.insert(scimGroupMembers).values({ groupId: group!.id, identityId: identity!.id });
    const org = await makeOrg(db, admin.id);
    const team = await createTeam(ctx(), org.name, { name: uniq("t") });
    await addTeamMembers(ctx(), team.id, [person.id]);
    await db.insert(teamScimLinks).values({ teamId: team.id, scimGroupId: group!.id });

    const c = ctx();
    const reset = await disableScim(c);
    expect(reset).toMatchObject({ enabled: false, paused: false, siteAdminGroupId: null });
    for (const table of [scimGroups, scimGroupMembers, scimIdentities, teamScimLinks]) {
      expect(await db.select().from(table)).toEqual([]);
    }
    const [tokenRow] = await db.select().from(scimTokens).where(eq(scimTokens.id, token.id));
    expect(tokenRow!.revokedAt).not.toBeNull();
    const [kept] = await db.select().from(users).where(eq(users.id, person.id));
    expect(kept).toMatchObject({ suspendedBy: "scim", siteAdminScim: true });
    expect(await db.select().from(teamMemberships).where(eq(teamMemberships.teamId, team.id))).toHaveLength(1);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(event).toMatchObject({
      action: "scim-settings.disable",
      outcome: "success",
      summary: { from: "paused", deleted: { groups: 1, teamLinks: 1, identities: 1 }, revokedTokens: 1 },
    });

    // Idempotent: a second disable changes nothing and says so.
    const again = ctx();
    await disableScim(again);
    const [noop] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, again.requestId));
    expect(noop!.outcome).toBe("noop");
  });
});
