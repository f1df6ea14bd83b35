// The one place group membership changes (SPEC §4.5): set deltas in the caller's transaction,
// serialized per group by the group's row lock, the 1,000-member cap checked before commit.
// Team sync and site-admin grants (issue "Site-admin group and team sync") hook in here.
import { and, count, eq, inArray, notInArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scimGroupMembers, scimIdentities } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/scim/values";

export const MAX_GROUP_MEMBERS = 1000;

/**
 * A membership change, reduced over a whole request. The resulting roster is
 * `replaceWith ?? (current − remove) ∪ add`; `replaceWith` is null unless the request set the
 * complete roster (replace, remove-all).
 */
export interface MemberChange {
  replaceWith: string[] | null;
  add: string[];
  remove: string[];
}

export const NO_MEMBER_CHANGE: MemberChange = { replaceWith: null, add: [], remove: [] };

export const tooManyMembers = () =>
  new AppError("too_large", `A group can have at most ${MAX_GROUP_MEMBERS} members`);

/** Every id must name a SCIM user (404 otherwise: the whole request is rejected). */
async function requireScimUsers(tx: Tx, ids: string[]) {
  if (ids.length === 0) return;
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw new AppError("not_found", `Member ${bad} is not a SCIM user`);
  const found = await tx.select({ id: scimIdentities.id }).from(scimIdentities).where(inArray(scimIdentities.id, ids));
  if (found.length !== ids.length) {
    const known = new Set(found.map((f) => f.id.toLowerCase()));
    throw new AppError("not_found", `Member ${ids.find((i) => !known.has(i.toLowerCase()))} is not a SCIM user`);
  }
}

const unique = (ids: string[]) => [...new Set(ids.map((i) => i.toLowerCase()))];

/** Applies a member change to a group whose row the caller has locked. */
export async function applyMemberChange(tx: Tx, groupId: string, change: MemberChange, now: Date) {
  const wanted = unique(change.replaceWith ?? change.add);
  if (wanted.length > MAX_GROUP_MEMBERS) throw tooManyMembers();
  await requireScimUsers(tx, wanted);
  let removed: { identityId: string }[] = [];
  if (change.replaceWith !== null) {
    removed = await tx
      .delete(scimGroupMembers)
      .where(wanted.length ? and(eq(scimGroupMembers.groupId, groupId), notInArray(scimGroupMembers.identityId, wanted)) : eq(scimGroupMembers.groupId, groupId))
      .returning({ identityId: scimGroupMembers.identityId });
  } else {
    const gone = unique(change.remove).filter(isUuid);
    if (gone.length) {
      removed = await tx
        .delete(scimGroupMembers)
        .where(and(eq(scimGroupMembers.groupId, groupId), inArray(scimGroupMembers.identityId, gone)))
        .returning({ identityId: scimGroupMembers.identityId });
    }
  }
  const added = wanted.length
    ? await tx
        .insert(scimGroupMembers)
        .values(wanted.map((identityId) => ({ groupId, identityId, createdAt: now })))
        .onConflictDoNothing()
        .returning({ identityId: scimGroupMembers.identityId })
    : [];
  if (added.length) {
    const [total] = await tx.select({ n: count() }).from(scimGroupMembers).where(eq(scimGroupMembers.groupId, groupId));
    if ((total?.n ?? 0) > MAX_GROUP_MEMBERS) throw tooManyMembers();
  }
  return { added: added.map((a) => a.identityId), removed: removed.map((r) => r.identityId) };
}
