import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, scimGroupMembers, scimIdentities, scimSettings, teamMemberships, teamScimLinks, users } from "@/db/schema";
import { newId } from "@/lib/ids";
import { disableScim } from "@/lib/scim/settings/scim-settings";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, updateScimGroup } from "@/lib/scim/groups/scim-groups";
import { MAX_GROUP_MEMBERS, NO_MEMBER_CHANGE } from "@/lib/scim/groups/membership";
import { parseGroupBody } from "@/lib/scim/groups/group-input";
import { addTeamMembers, createTeam } from "@/lib/admin/teams/teams";
import { freshDb } from "../db";
import { ctxFor, makeOrg, makeUser, uniq } from "../factories";
import { setSaml, setScim } from "../scim-helpers";

const { db } = await freshDb();
const admin = await makeUser(db, { admin: true });
const scimCtx = () => ctxFor(db, { type: "scim-token", id: "at-test" });

/** SCIM identities made directly (the Users API has its own tests). */
async function identities(n: number) {
  const people = Array.from({ length: n }, () => {
    const name = uniq("member");
    return { id: newId("user"), username: name, email: `${name}@example.com` };
  });
  await db.insert(users).values(people);
  const made = await db.insert(scimIdentities).values(people.map((p) => ({ userId: p.id, userName: p.username }))).returning();
  return made.map((m) => m.id);
}
const newGroup = (members: string[] = [], displayName = uniq("Group")) => createScimGroup(scimCtx(), { displayName, externalId: null, members });
const change = (add: string[] = [], remove: string[] = [], replaceWith: string[] | null = null) => ({ add, remove, replaceWith });
const memberIdsOf = async (id: string) => ((await getScimGroup(db, id, true)).members ?? []).map((m) => m.value).sort();

beforeEach(async () => {
  await disableScim(ctxFor(db, { type: "user", id: admin.id }));
  await setSaml(db, true);
  await setScim(db, "enabled");
});

describe("SCIM groups", () => {
  it("creates with members shown by userName, audited once", async () => {
    const ids = await identities(2);
    const c = scimCtx();
    const { group } = await createScimGroup(c, { displayName: "Engineering", externalId: "ext-1", members: [...ids, ids[0]!] });
    const view = await getScimGroup(db, group.id, true);
    expect(view.members!.map((m) => m.value).sort()).toEqual([...ids].sort());
    expect(view.members!.every((m) => m.display.startsWith("member-"))).toBe(true);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(events.map((e) => [e.action, (e.summary as { added: number }).added])).toEqual([["scim-group.create", 2]]);
  });

  it("400 without displayName; 409 on a taken name (case-insensitive); 404 for a member that is not a SCIM user", async () => {
    expect(() => parseGroupBody({ members: [] }, true)).toThrow(expect.objectContaining({ details: { scimType: "invalidValue" } }));
    const name = uniq("Dup");
    await newGroup([], name);
    await expect(newGroup([], name.toUpperCase())).rejects.toMatchObject({ code: "conflict", details: { scimType: "uniqueness" } });
    await expect(newGroup(["00000000-0000-4000-8000-000000000000"])).rejects.toMatchObject({ code: "not_found" });
    await expect(newGroup(["not-a-uuid"])).rejects.toMatchObject({ code: "not_found" });
    expect((await listScimGroups(db, { attribute: "displayName", value: name }, 1, 10, false)).total).toBe(1);
  });

  it("an unknown member answers 404 before a taken displayName or externalId answers 409 (SPEC §14), on create and update", async () => {
    const [known] = await identities(1);
    const unknown = "00000000-0000-4000-8000-00000000abcd";
    const taken = uniq("Taken");
    const holder = await createScimGroup(scimCtx(), { displayName: taken, externalId: `ext-${taken}`, members: [] });
    for (const dup of [{ displayName: taken.toLowerCase(), externalId: null }, { displayName: uniq("Other"), externalId: `ext-${taken}` }]) {
      await expect(createScimGroup(scimCtx(), { ...dup, members: [known!, unknown] })).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining(unknown) });
      await expect(createScimGroup(scimCtx(), { ...dup, members: ["not-a-uuid"] })).rejects.toMatchObject({ code: "not_found" });
      // The 409 names the group holding the value, for the request's activity row (SPEC §9).
      await expect(createScimGroup(scimCtx(), { ...dup, members: [known!] })).rejects.toMatchObject({
        code: "conflict",
        details: { conflictsWith: { resourceType: "Group", resourceId: holder.group.id } },
      });
    }
    const { group } = await newGroup([known!]);
    const rename = (members: ReturnType<typeof change>) => updateScimGroup(scimCtx(), group.id, (g) => ({ attributes: { ...g, displayName: taken }, members }));
    await expect(rename(change([unknown]))).rejects.toMatchObject({ code: "not_found" });
    await expect(rename(change([], [], [known!, unknown]))).rejects.toMatchObject({ code: "not_found" });
    await expect(rename(change([known!]))).rejects.toMatchObject({ code: "conflict" });
    const after = await getScimGroup(db, group.id, true);
    expect([after.group.displayName, after.members!.map((m) => m.value)]).toEqual([group.displayName, [known]]);
  });

  it("a member list over the cap is 413 even when displayName is missing (SPEC §14: 413 before 400)", () => {
    const many = Array.from({ length: MAX_GROUP_MEMBERS + 1 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    expect(() => parseGroupBody({ members: many.map((value) => ({ value })) }, true)).toThrow(expect.objectContaining({ code: "too_large" }));
    expect(() => parseGroupBody({ members: many.slice(1) }, true)).toThrow(expect.objectContaining({ code: "bad_request" }));
    // Duplicates (in any case) count once.
    expect(parseGroupBody({ displayName: "x", members: [...many.slice(1), many[1]!.toUpperCase()] }, true).members).toHaveLength(MAX_GROUP_MEMBERS + 1);
  });

  it("a PATCH naming one unknown member among known ones is 404 naming it, and adds or removes none of them", async () => {
    const ids = await identities(4);
    const { group } = await newGroup([ids[0]!]);
    const unknown = "00000000-0000-4000-8000-00000000abcd";
    for (const members of [change([ids[1]!, unknown.toUpperCase(), ids[2]!]), change([ids[3]!, unknown], [ids[0]!]), change([], [], [ids[1]!, unknown])]) {
      await expect(updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members }))).rejects.toMatchObject({
        code: "not_found",
        message: `Member ${unknown} is not a SCIM user`,
      });
      expect(await memberIdsOf(group.id)).toEqual([ids[0]!]);
    }
    // Adding members already present adds nothing; a replace keeps exactly the list.
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([ids[0]!, ids[1]!]) }));
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([ids[0]!]) }));
    expect(await memberIdsOf(group.id)).toEqual([ids[0]!, ids[1]!].sort());
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([], [], [ids[2]!, ids[3]!]) }));
    expect(await memberIdsOf(group.id)).toEqual([ids[2]!, ids[3]!].sort());
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([], [ids[2]!.toUpperCase()]) }));
    expect(await memberIdsOf(group.id)).toEqual([ids[3]!]);
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([], [], []) }));
    expect(await memberIdsOf(group.id)).toEqual([]);
  });

  it("holds exactly 1,000 members; the 1,001st is 413 and nothing changes", async () => {
    const ids = await identities(MAX_GROUP_MEMBERS + 1);
    const { group } = await newGroup(ids.slice(0, MAX_GROUP_MEMBERS));
    expect((await memberIdsOf(group.id)).length).toBe(MAX_GROUP_MEMBERS);
    await expect(updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([ids[MAX_GROUP_MEMBERS]!]) }))).rejects.toMatchObject({
      code: "too_large",
    });
    await expect(newGroup(ids)).rejects.toMatchObject({ code: "too_large" });
    expect((await memberIdsOf(group.id)).length).toBe(MAX_GROUP_MEMBERS);
    // 1,000 members named once more in upper case are still 1,000.
    const again = await newGroup([...ids.slice(0, MAX_GROUP_MEMBERS), ids[0]!.toUpperCase()]);
    expect((await memberIdsOf(again.group.id)).length).toBe(MAX_GROUP_MEMBERS);
  });

  it("N parallel single-member adds all land; the cap holds under parallel adds", async () => {
    const ids = await identities(12);
    const { group } = await newGroup();
    await Promise.all(ids.map((id) => updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([id]) }))));
    expect(await memberIdsOf(group.id)).toEqual([...ids].sort());

    const near = await identities(4);
    const { group: capped } = await newGroup();
    // Fill to 998 quickly with direct rows, then race 4 adds for the last 2 places.
    const filler = await identities(MAX_GROUP_MEMBERS - 2);
    await db.insert(scimGroupMembers).values(filler.map((identityId) => ({ groupId: capped.id, identityId })));
    const results = await Promise.allSettled(near.map((id) => updateScimGroup(scimCtx(), capped.id, (a) => ({ attributes: a, members: change([id]) }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect((await memberIdsOf(capped.id)).length).toBe(MAX_GROUP_MEMBERS);
  });

  it("PUT keeps omitted attributes; members replace the roster; remove of a non-member is a no-op", async () => {
    const ids = await identities(3);
    const { group } = await createScimGroup(scimCtx(), { displayName: uniq("Keep"), externalId: "keep-ext", members: ids.slice(0, 2) });
    const body = parseGroupBody({ members: [{ value: ids[2] }] }, false);
    expect(body).toEqual({ displayName: undefined, externalId: undefined, members: [ids[2]] });
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([], [], body.members!) }));
    const after = await getScimGroup(db, group.id, true);
    expect(after.group).toMatchObject({ displayName: group.displayName, externalId: "keep-ext" });
    expect(after.members!.map((m) => m.value)).toEqual([ids[2]]);
    const c = scimCtx();
    await updateScimGroup(c, group.id, (a) => ({ attributes: a, members: change([], [ids[0]!, "junk"]) }));
    const [noop] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, c.requestId));
    expect(noop).toMatchObject({ action: "scim-group.members-change", outcome: "noop" });
    expect((await getScimGroup(db, group.id, false)).group.updatedAt.getTime()).toBe(after.group.updatedAt.getTime());
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: a, members: change([], [], []) }));
    expect(await memberIdsOf(group.id)).toEqual([]);
    await updateScimGroup(scimCtx(), group.id, (a) => ({ attributes: { ...a, displayName: "Renamed " + a.id }, members: NO_MEMBER_CHANGE }));
    expect((await getScimGroup(db, group.id, false)).group.displayName).toBe(`Renamed ${group.id}`);
  });

  it("DELETE is 204 for any id; linked teams keep their members and the site-admin mapping is cleared", async () => {
    const ids = await identities(1);
    const { group } = await newGroup(ids);
    const org = await makeOrg(db, admin.id);
    const actx = ctxFor(db, { type: "user", id: admin.id });
    const team = await createTeam(actx, org.name, { name: uniq("team") });
    const member = await makeUser(db);
    await addTeamMembers(actx, team.id, [member.id]);
    await db.insert(teamScimLinks).values({ teamId: team.id, scimGroupId: group.id });
    await db.update(scimSettings).set({ siteAdminGroupId: group.id });
    await deleteScimGroup(scimCtx(), group.id);
    await expect(getScimGroup(db, group.id, false)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.select().from(teamScimLinks).where(eq(teamScimLinks.teamId, team.id))).toEqual([]);
    expect(await db.select().from(teamMemberships).where(eq(teamMemberships.teamId, team.id))).toHaveLength(1);
    expect((await db.select().from(scimSettings))[0]!.siteAdminGroupId).toBeNull();
    await expect(deleteScimGroup(scimCtx(), group.id)).resolves.toBeUndefined();
    await expect(deleteScimGroup(scimCtx(), "not-a-uuid")).resolves.toBeUndefined();
  });

  it("deleting a user removes their memberships", async () => {
    const ids = await identities(2);
    const { group } = await newGroup(ids);
    await db.delete(scimIdentities).where(eq(scimIdentities.id, ids[0]!));
    expect(await memberIdsOf(group.id)).toEqual([ids[1]]);
  });

  it("lists by displayName, externalId and id with exact totals; excluded members are not read", async () => {
    const tag = uniq("L");
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createScimGroup(scimCtx(), { displayName: `${tag}-${i}`, externalId: `${tag}-x${i}`, members: [] })).group);
    expect((await listScimGroups(db, { attribute: "displayName", value: `${tag}-1`.toUpperCase() }, 1, 10, true)).rows[0]!.group.id).toBe(made[1]!.id);
    expect((await listScimGroups(db, { attribute: "externalId", value: `${tag}-x2` }, 1, 10, true)).total).toBe(1);
    expect((await listScimGroups(db, { attribute: "id", value: made[0]!.id }, 1, 10, false)).rows[0]!.members).toBeNull();
    expect((await listScimGroups(db, { attribute: "id", value: "nope" }, 1, 10, false)).total).toBe(0);
  });

  it("refuses writes while paused", async () => {
    const { group } = await newGroup();
    await setScim(db, "paused");
    await expect(newGroup()).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteScimGroup(scimCtx(), group.id)).rejects.toMatchObject({ code: "forbidden" });
  });
});
