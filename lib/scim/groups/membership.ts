// The one place group membership changes (SPEC §4.5): set deltas in the caller's transaction,
// serialized per group by the group's row lock, the 1,000-member cap checked before commit.
// Team sync and site-admin grants (issue "Site-admin group and team sync") hook in here.
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { preparedStatement } from "@/db/prepared";
import { arrayLiteral } from "@/db/sql-values";
import { textArrayOf } from "@/db/rows";
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

export const unique = (ids: string[]) => [...new Set(ids.map((i) => i.toLowerCase()))];

// Member ids travel as one uuid[] parameter, so each statement has one text whatever the number
// of members and runs prepared: no per-id parameters to build, parse or plan.
const ids = sql.placeholder("ids");
const group = sql.placeholder("group");

/**
 * Adds the SCIM users `ids` (all of them, or none when one is not a SCIM user) and answers the
 * ids that are not SCIM users, the ids added and the group's size before the statement.
 */
const addMembers = preparedStatement<{ missing: string[] | string | null; added: string[] | string | null; before: number | string }>(
  "scim_group_members_add",
  () => sql`
    with want as (select distinct unnest(${ids}::uuid[]) as id),
    found as (select i.id from ${scimIdentities} i where i.id in (select id from want)),
    missing as (select w.id from want w where not exists (select 1 from found f where f.id = w.id)),
    ins as (
      insert into ${scimGroupMembers} (group_id, identity_id, created_at)
      select ${group}::uuid, id, ${sql.placeholder("now")}::timestamptz from found
      where not exists (select 1 from missing)
      on conflict do nothing
      returning identity_id)
    select (select array_agg(id::text order by id) from missing) as missing,
           (select array_agg(identity_id::text) from ins) as added,
           (select count(*) from ${scimGroupMembers} where group_id = ${group}::uuid) as before`,
);

const removeMembers = preparedStatement<{ identity_id: string }>(
  "scim_group_members_remove",
  () => sql`delete from ${scimGroupMembers} where group_id = ${group}::uuid and identity_id = any(${ids}::uuid[]) returning identity_id::text`,
);

const keepOnlyMembers = preparedStatement<{ identity_id: string }>(
  "scim_group_members_keep_only",
  () => sql`delete from ${scimGroupMembers} where group_id = ${group}::uuid and identity_id <> all(${ids}::uuid[]) returning identity_id::text`,
);

const notAScimUser = (id: string) => new AppError("not_found", `Member ${id} is not a SCIM user`);

const existingScimUsers = preparedStatement<{ id: string }>(
  "scim_identities_existing",
  () => sql`select id::text as id from ${scimIdentities} where id = any(${ids}::uuid[])`,
);

/** 404 unless every id names a SCIM user. */
export async function requireScimUsers(db: DbOrTx, memberIds: string[]) {
  const wanted = unique(memberIds);
  const bad = wanted.find((id) => !isUuid(id));
  if (bad !== undefined) throw notAScimUser(bad);
  const found = new Set((await existingScimUsers(db, { ids: arrayLiteral(wanted) })).map((r) => r.id.toLowerCase()));
  const missing = wanted.find((id) => !found.has(id));
  if (missing !== undefined) throw notAScimUser(missing);
}

/** Applies a member change to a group whose row the caller has locked. */
export async function applyMemberChange(tx: Tx, groupId: string, change: MemberChange, now: Date) {
  const wanted = unique(change.replaceWith ?? change.add);
  if (wanted.length > MAX_GROUP_MEMBERS) throw tooManyMembers();
  // Every id must name a SCIM user (404 otherwise: the whole request is rejected).
  const bad = wanted.find((id) => !isUuid(id));
  if (bad !== undefined) throw notAScimUser(bad);
  let removed: { identity_id: string }[] = [];
  if (change.replaceWith !== null) removed = await keepOnlyMembers(tx, { group: groupId, ids: arrayLiteral(wanted) });
  else {
    const gone = unique(change.remove).filter(isUuid);
    if (gone.length) removed = await removeMembers(tx, { group: groupId, ids: arrayLiteral(gone) });
  }
  let added: string[] = [];
  if (wanted.length) {
    const [row] = await addMembers(tx, { group: groupId, ids: arrayLiteral(wanted), now: now.toISOString() });
    const missing = textArrayOf(row?.missing);
    if (missing.length) throw notAScimUser(wanted.find((w) => missing.includes(w)) ?? missing[0]!);
    added = textArrayOf(row?.added);
    if (Number(row?.before ?? 0) + added.length > MAX_GROUP_MEMBERS) throw tooManyMembers();
  }
  return { added, removed: removed.map((r) => r.identity_id) };
}
