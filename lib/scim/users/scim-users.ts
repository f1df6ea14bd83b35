// SCIM Users (SPEC §4.4): create or link, read, list, replace, patch, delete. Every write reads
// the SCIM state inside its transaction and writes one audit event.
import { asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { randomUUID } from "node:crypto";
import { maybeRowFromJson, rowFromJson } from "@/db/json-row";
import { rowsOf } from "@/db/rows";
import { hotOf } from "@/db/hot";
import { preparedStatement, shapedStatement } from "@/db/prepared";
import { insertWhere, setKeys, setList, slots, slotValues } from "@/db/sql-values";
import { scimGroups, scimIdentities, scimIdentityCounts, scimSettings, users, type ScimIdentityRow, type UserRow } from "@/db/schema";
import { eventSlotValues, recordEvent, recordEventSlots, type AuditAction, type AuditInput } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { isUniqueViolation, retryOnConflict } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findUserByEmail, signsInWithPassword } from "@/lib/admin/users/user-queries";
import { requireScimActive, scimState } from "@/lib/scim/settings/scim-settings";
import { siteAdminScimAfter, userPropagationCtes } from "@/lib/scim/sync/propagation";
import type { ScimFilter } from "@/lib/scim/filter";
import { isUuid } from "@/lib/scim/values";
import type { UserAttributes } from "./user-attributes";
import { attributesOf } from "./user-attributes";
import { versionedUserSql, type VersionedUserRow } from "./user-read";

export interface ScimUserView {
  identity: ScimIdentityRow;
  user: UserRow;
}

/** A 409; `collidedWith` is the SCIM user that holds the value, named in the activity row. */
const uniqueness = (detail: string, collidedWith?: string) =>
  new AppError("conflict", detail, { scimType: "uniqueness", ...(collidedWith ? { conflictsWith: { resourceType: "User", resourceId: collidedWith } } : {}) });
const notFoundUser = () => new AppError("not_found", "User not found");

function mapUniqueViolation(e: unknown, collidedWith?: string): never {
  if (isUniqueViolation(e, "scim_identities_user_name_lower_key")) throw uniqueness("userName is already in use by another SCIM user", collidedWith);
  if (isUniqueViolation(e, "scim_identities_external_id_key")) throw uniqueness("externalId is already in use by another SCIM user", collidedWith);
  if (isUniqueViolation(e, "users_email_lower_key")) throw uniqueness("email belongs to another Roster user", collidedWith);
  if (isUniqueViolation(e, "scim_identities_user_key")) throw uniqueness("The Roster user with this email is already linked to a SCIM user", collidedWith);
  throw e;
}

/**
 * The SCIM user whose value a create collided with, so that the 409's activity row names it
 * ("Entra got 409 on user X", SPEC §9). One indexed read, on the 409 path only; none when the
 * value belongs to a Roster user that no SCIM user is linked to.
 */
async function collidedWith(db: DbOrTx, e: unknown, attrs: UserAttributes): Promise<string | undefined> {
  let where: SQL | undefined;
  if (isUniqueViolation(e, "scim_identities_user_name_lower_key")) where = sql`lower(${scimIdentities.userName}) = lower(${attrs.userName})`;
  else if (isUniqueViolation(e, "scim_identities_external_id_key") && attrs.externalId !== null) where = eq(scimIdentities.externalId, attrs.externalId);
  else if (isUniqueViolation(e, "users_email_lower_key") || isUniqueViolation(e, "scim_identities_user_key")) {
    where = sql`${scimIdentities.userId} = (select ${users.id} from ${users} where lower(${users.email}) = lower(${attrs.email}) limit 1)`;
  }
  if (!where) return undefined;
  const [row] = await db.select({ id: scimIdentities.id }).from(scimIdentities).where(where).limit(1);
  return row?.id;
}

/** Generated Roster username for a provisioned user: the SCIM userName's local part + suffix. */
function usernameFor(userName: string) {
  const local = userName.split("@")[0]!.toLowerCase().replace(/[^a-z0-9._-]/g, "-").slice(0, 32) || "user";
  return `${local}-${newId("user").slice(5, 11).toLowerCase()}`;
}

function identityValues(a: UserAttributes) {
  return {
    userName: a.userName,
    externalId: a.externalId,
    givenName: a.givenName,
    familyName: a.familyName,
    middleName: a.middleName,
    formattedName: a.formatted,
    displayName: a.displayName,
    emailType: a.emailType,
  };
}

/** The identity columns whose attribute changed (an `active`-only change touches none). */
function changedIdentityValues(before: UserAttributes, after: UserAttributes) {
  const was = identityValues(before);
  const next = identityValues(after);
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => was[k as keyof typeof was] !== v)) as Partial<typeof next>;
}

/** Suspension fields for an `active` change; a SCIM reactivation never lifts an admin's suspension. */
function activeChange(user: UserRow, active: boolean, now: Date): Partial<UserRow> {
  if (!active && user.suspendedAt === null) {
    return { suspendedAt: now, suspendedBy: "scim", siteAdminScim: false, sessionVersion: user.sessionVersion + 1 };
  }
  if (active && user.suspendedAt !== null && user.suspendedBy === "scim") return { suspendedAt: null, suspendedBy: null };
  return {};
}

/** "Able to sign in without SSO" holding a manual grant: SCIM may never take it over (SPEC §6). */
const isRecoveryAdmin = (u: UserRow) => u.siteAdminManual && signsInWithPassword(u);

/** The SCIM state as the write statements see it: 403 unless enabled and not paused. */
function requireActiveState(settings: unknown) {
  const s = maybeRowFromJson(scimSettings, settings);
  if (!s) throw new AppError("internal", "SCIM settings row is missing");
  const state = scimState(s);
  if (state !== "enabled") throw new AppError("forbidden", `SCIM provisioning is ${state}`);
}

// Each write statement starts from the settings row, share-locked until it commits, so a write
// that arrives after a pause or disable commits nothing (SPEC §3).
const SETTINGS_CTE = sql`s as (select * from ${scimSettings} where id = 'scim' for share),
  active as (select 1 from s where enabled and not paused)`;

type CreateRow = { settings: unknown; taken: boolean; user: unknown; identity: unknown };

const NEW_USER_KEYS = ["id", "username", "email", "createdAt", "updatedAt", "suspendedAt", "suspendedBy"] as const;
const NEW_IDENTITY_KEYS = ["id", "userId", "userName", "externalId", "givenName", "familyName", "middleName", "formattedName", "displayName", "emailType", "createdAt", "updatedAt"] as const;

// One shape for every create: absent attributes bind NULL (no column here has another default).
const insertNewUser = shapedStatement<CreateRow, null>(
  "scim_user_create",
  () => "",
  () => sql`
    with ${SETTINGS_CTE},
    taken as (select 1 from ${users} where lower(email) = lower(${sql.placeholder("u_email")}::text) limit 1),
    u as (${insertWhere(users, slots(users, NEW_USER_KEYS, "u_"), sql`exists (select 1 from active) and not exists (select 1 from taken)`)}),
    i as (${insertWhere(scimIdentities, slots(scimIdentities, NEW_IDENTITY_KEYS, "i_"), sql`exists (select 1 from u)`)}),
    a as (${recordEventSlots(sql`exists (select 1 from i)`)})
    select (select row_to_json(s) from s) as settings, exists (select 1 from taken) as taken,
           (select row_to_json(u) from u) as "user", (select row_to_json(i) from i) as identity`,
  // Writes stay on the main pool, keeping its backends warm for the group PATCHes that run there
  // (db/hot.ts).
  { hot: false },
);

/**
 * POST /Users. A new person is one statement (state check, user, identity and audit row commit
 * together); an email that already belongs to a Roster user takes the linking transaction.
 */
export async function createScimUser(ctx: Ctx, attrs: UserAttributes): Promise<ScimUserView> {
  try {
    const userId = newId("user");
    const identityId = randomUUID();
    const [row] = await insertNewUser(ctx.db, null, {
      ...slotValues(
        users,
        {
          id: userId,
          username: usernameFor(attrs.userName),
          email: attrs.email,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          suspendedAt: attrs.active ? null : ctx.now,
          suspendedBy: attrs.active ? null : "scim",
        },
        "u_",
      ),
      ...slotValues(scimIdentities, { id: identityId, userId, ...identityValues(attrs), createdAt: ctx.now, updatedAt: ctx.now }, "i_"),
      ...eventSlotValues(ctx, {
        action: "scim-user.create",
        target: { type: "scim-user", id: identityId },
        summary: { userId, userName: attrs.userName, active: attrs.active },
      }),
    });
    requireActiveState(row?.settings);
    if (row!.identity) return { identity: rowFromJson(scimIdentities, row!.identity), user: rowFromJson(users, row!.user) };
    return await linkScimUser(ctx, attrs);
  } catch (e) {
    // A failed look-up only costs the activity row its link; the 409 stands.
    return mapUniqueViolation(e, await collidedWith(ctx.db, e, attrs).catch(() => undefined));
  }
}

/** POST /Users for an email that already belongs to a Roster user: link it (SPEC §4.4). */
async function linkScimUser(ctx: Ctx, attrs: UserAttributes): Promise<ScimUserView> {
  return retryOnConflict(() =>
    ctx.db.transaction(async (tx) => {
      await requireScimActive(tx);
      const existing = await findUserByEmail(tx, attrs.email);
      // Gone since the first statement looked: the person is new after all.
      if (!existing) throw new AppError("unavailable", "The user changed while it was being linked; retry", { retryAfter: 1 });
      const [linked] = await tx.select({ id: scimIdentities.id }).from(scimIdentities).where(eq(scimIdentities.userId, existing.id)).limit(1);
      if (linked) throw uniqueness("The Roster user with this email is already linked to a SCIM user", linked.id);
      if (isRecoveryAdmin(existing)) throw uniqueness("email belongs to a local administrator account");
      const [user] = await tx
        .update(users)
        .set({ ...activeChange(existing, attrs.active, ctx.now), updatedAt: ctx.now })
        .where(eq(users.id, existing.id))
        .returning();
      const [identity] = await tx
        .insert(scimIdentities)
        .values({ userId: existing.id, ...identityValues(attrs), createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await recordEvent(tx, ctx, {
        action: "scim-user.link",
        target: { type: "scim-user", id: identity!.id },
        // The state it ended in: an admin's suspension outlives `active: true`.
        summary: { userId: existing.id, userName: attrs.userName, active: user!.suspendedAt === null },
      });
      return { identity: identity!, user: user! };
    }),
  );
}

/** GET /Users/{id}: the same prepared read the writes start from. */
export async function getScimUser(db: DbOrTx, id: string, preloaded?: PreloadedUser): Promise<ScimUserView> {
  const found = await firstRead(db, id, preloaded);
  if (!found) throw notFoundUser();
  return { identity: found.identity, user: found.user };
}

const valuePlaceholder = sql.placeholder("value");

/** The WHERE of a filtered list; `value` is the filter's value or a placeholder for it. */
function filterCondition(attribute: ScimFilter["attribute"], value: unknown = valuePlaceholder): SQL {
  switch (attribute) {
    case "userName":
      return sql`lower(${scimIdentities.userName}) = lower(${value})`;
    case "externalId":
      return sql`${scimIdentities.externalId} = ${value}`;
    case "id":
      return sql`${scimIdentities.id} = ${value}::uuid`;
    case "displayName":
      return sql`lower(${scimIdentities.displayName}) = lower(${value})`;
    case "emails.value":
      return sql`lower(${users.email}) = lower(${value})`;
  }
}

// The IdP's hot path (`userName eq "…"` before every create) is built once per database and
// attribute and runs as a prepared statement.
const lookups = new WeakMap<object, Map<string, ReturnType<typeof buildLookup>>>();
function buildLookup(db: DbOrTx, attribute: ScimFilter["attribute"]) {
  return db
    .select({ identity: scimIdentities, user: users, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(scimIdentities)
    .innerJoin(users, eq(users.id, scimIdentities.userId))
    .where(filterCondition(attribute))
    .orderBy(asc(scimIdentities.createdAt), asc(scimIdentities.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare(`scim_users_by_${attribute.replace(".", "_")}`);
}
function lookup(db: DbOrTx, attribute: ScimFilter["attribute"]) {
  let byAttribute = lookups.get(db);
  if (!byAttribute) lookups.set(db, (byAttribute = new Map()));
  let query = byAttribute.get(attribute);
  if (!query) byAttribute.set(attribute, (query = buildLookup(db, attribute)));
  return query;
}

/** SCIM-managed users only, active and suspended alike; stable order; exact total. */
export async function listScimUsers(main: DbOrTx, filter: ScimFilter | null, startIndex: number, count_: number) {
  // Reads only, each one statement: the hot pool (db/hot.ts).
  const db = hotOf(main);
  if (filter) {
    // PostgreSQL text cannot hold NUL and ids are UUIDs, so such values match nothing.
    if (filter.value.includes("\u0000") || (filter.attribute === "id" && !isUuid(filter.value))) return { total: 0, rows: [] };
    // One indexed statement; the window count is the exact total whenever the page is not empty.
    const rows = count_ === 0 ? [] : await lookup(db, filter.attribute).execute({ value: filter.value, limit: count_, offset: startIndex - 1 });
    if (rows.length > 0) return { total: rows[0]!.total, rows: rows.map(({ identity, user }) => ({ identity, user })) };
    if (startIndex === 1 && count_ > 0) return { total: 0, rows: [] };
    const [total] = await db
      .select({ n: count() })
      .from(scimIdentities)
      .innerJoin(users, eq(users.id, scimIdentities.userId))
      .where(filterCondition(filter.attribute, filter.value));
    return { total: total?.n ?? 0, rows: [] };
  }
  const rows = count_ === 0 ? [] : await unfilteredPage(db, startIndex, count_);
  if (rows.length > 0) return { total: rows[0]!.total, rows: rows.map(({ identity, user }) => ({ identity, user })) };
  const [counted] = rowsOf<{ n: number | string }>(await db.execute(sql`select ${identityTotal} as n`));
  return { total: Number(counted?.n ?? 0), rows: [] };
}

/** The number of SCIM users, from the trigger-kept counter: constant time at any size. */
const identityTotal = sql`(select coalesce(sum(${scimIdentityCounts.n}), 0)::bigint from ${scimIdentityCounts})`;

/**
 * A page of the unfiltered list with the total, in one statement and snapshot. The total comes
 * from the trigger-kept counter (constant time at any size), the page's ids from the narrow
 * (created_at, id) index. An OFFSET walk costs one index entry per skipped user, so a page past
 * the middle is walked from the end: it skips the users after the page, backwards. The total
 * says which end is nearer and PostgreSQL runs only that branch (a one-time filter): exact, and
 * at most half the list walked.
 */
export function unfilteredPage(db: DbOrTx, startIndex: number, count_: number) {
  const skip = sql`${startIndex - 1}::bigint`;
  const take = sql`${count_}::bigint`;
  const p = sql.raw("p");
  // The outer limit tells the planner the page is small (it cannot evaluate the backward
  // branch's limit), so it joins the users by their keys rather than hashing the whole table.
  const pageIds = sql`(select page.id from (
    (select ${p}.id from ${scimIdentities} ${p} where ${identityTotal} >= 2 * ${skip} + ${take}
      order by ${p}.created_at, ${p}.id offset ${skip} limit ${take})
    union all
    (select ${p}.id from ${scimIdentities} ${p} where ${identityTotal} < 2 * ${skip} + ${take}
      order by ${p}.created_at desc, ${p}.id desc
      offset greatest(${identityTotal} - (${skip} + ${take}), 0) limit least(${take}, greatest(${identityTotal} - ${skip}, 0)))
  ) page limit ${take})`;
  return db
    .select({ identity: scimIdentities, user: users, total: sql<number>`${identityTotal}`.mapWith(Number) })
    .from(scimIdentities)
    .innerJoin(users, eq(users.id, scimIdentities.userId))
    .where(sql`${scimIdentities.id} in ${pageIds}`)
    .orderBy(asc(scimIdentities.createdAt), asc(scimIdentities.id));
}

function changedFields(before: UserAttributes, after: UserAttributes) {
  return (Object.keys(after) as (keyof UserAttributes)[]).filter((k) => before[k] !== after[k]);
}

interface Versioned extends ScimUserView {
  /** Row versions (xmin) the write below must still find, or it changes nothing and we retry. */
  versions: { identity: string; user: string };
}

type VersionedRow = VersionedUserRow & { settings?: unknown };
const loadForWrite = preparedStatement<VersionedRow>("scim_user_versioned", () => versionedUserSql(sql`${sql.placeholder("id")}::uuid`));
const loadLocked = preparedStatement<VersionedRow>("scim_user_locked", () => versionedUserSql(sql`${sql.placeholder("id")}::uuid`, true));

const versionedOf = (row: VersionedUserRow): Versioned => ({
  identity: rowFromJson(scimIdentities, row.identity),
  user: rowFromJson(users, row.user),
  versions: { identity: row.iv, user: row.uv },
});

/** A user read ahead, with the request's authentication (see authenticateScimToken's `read`). */
export type PreloadedUser = { id: string; row: VersionedUserRow | null };

async function loadVersioned(db: DbOrTx, id: string, lock: boolean): Promise<Versioned | null> {
  if (!isUuid(id)) return null;
  const [row] = await (lock ? loadLocked : loadForWrite)(db, { id });
  if (!row) {
    if (lock) await requireScimActive(db as Tx);
    return null;
  }
  if (lock) requireActiveState(row.settings);
  return versionedOf(row);
}

/** The first read of a write or a GET: the preloaded row when it is this user's, else a query. */
async function firstRead(db: DbOrTx, id: string, preloaded: PreloadedUser | undefined): Promise<Versioned | null> {
  if (preloaded && preloaded.id === id) return preloaded.row ? versionedOf(preloaded.row) : null;
  return loadVersioned(db, id, false);
}

type WriteRow = { settings: unknown; ok: boolean; user: unknown; identity: unknown };

/** What a write's statement looks like: the columns it sets and the propagation it carries. */
interface WriteShape {
  /** users columns set, or null when the users row is not written. */
  userKeys: (keyof UserRow & string)[] | null;
  /** scim_identities columns set, or "delete". */
  identity: (keyof ScimIdentityRow & string)[] | "delete";
  /** The user's state after a write that propagates it, or null. */
  sync: boolean | null;
}

const placeholder = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;

const writeStatement = shapedStatement<WriteRow, WriteShape>(
  "scim_user_write",
  (shape) => JSON.stringify(shape),
  ({ userKeys, identity, sync }) => {
    const ok = sql`exists (select 1 from cur)`;
    const identityId = placeholder("identityId", "uuid");
    const userId = placeholder("userId", "text");
    const parts: SQL[] = [
      sql`cur as (
        select i.id from ${scimIdentities} i join ${users} u on u.id = i.user_id
        where i.id = ${identityId} and i.xmin = ${placeholder("iv", "xid")} and u.xmin = ${placeholder("uv", "xid")}
          and exists (select 1 from active)
        for update of i, u)`,
    ];
    if (sync !== null) parts.push(...userPropagationCtes(identityId, userId, sync, placeholder("now", "timestamptz"), ok));
    if (userKeys) {
      // With propagation the grant is computed in SQL: active and in the mapped site-admin group.
      const assignments = [
        ...(userKeys.length ? [setList(users, slots(users, userKeys, "u_"))] : []),
        ...(sync !== null ? [sql`site_admin_scim = ${siteAdminScimAfter(sync)}`] : []),
      ];
      parts.push(sql`uu as (update ${users} set ${sql.join(assignments, sql`, `)} where id = ${userId} and ${ok} returning *)`);
    } else parts.push(sql`uu as (select * from ${users} where false)`);
    if (identity === "delete") {
      parts.push(sql`ui as (delete from ${scimIdentities} where id = ${identityId} and ${ok} returning *)`);
      // The delete takes the user out of its groups (cascade): their lastModified moves too. A
      // group that a concurrent write holds is skipped rather than waited for, since waiting here,
      // with the user's rows locked, would invert SPEC §7's lock order (groups before users).
      parts.push(
        sql`lg as (select id from ${scimGroups} where id in (select group_id from sg) and ${ok} for no key update skip locked)`,
        sql`ug as (update ${scimGroups} set updated_at = ${placeholder("now", "timestamptz")} where id in (select id from lg))`,
      );
    }
    else if (identity.length) parts.push(sql`ui as (update ${scimIdentities} set ${setList(scimIdentities, slots(scimIdentities, identity, "i_"))} where id = ${identityId} and ${ok} returning *)`);
    else parts.push(sql`ui as (select * from ${scimIdentities} where false)`);
    const adminBefore = placeholder("siteAdminBefore", "boolean");
    const propagated =
      sync !== null
        ? sql`jsonb_build_object(
            'teamSync', jsonb_build_object('teams', (select count(*) from st), 'added', (select count(*) from t_ins), 'removed', (select count(*) from t_del)),
            'siteAdminScim', jsonb_build_object('from', ${adminBefore}, 'to', coalesce((select site_admin_scim from uu), ${adminBefore})))`
        : undefined;
    parts.push(sql`a as (${recordEventSlots(ok, propagated)})`);
    return sql`
      with ${SETTINGS_CTE}, ${sql.join(parts, sql`, `)}
      select (select row_to_json(s) from s) as settings, ${ok} as ok,
             (select row_to_json(uu) from uu) as "user", (select row_to_json(ui) from ui) as identity`;
  },
  // On the main pool, like the create above.
  { hot: false },
);

/**
 * One optimistic write of a SCIM user: the state check, the row changes and the audit row in one
 * statement that applies only if neither row changed since `found` was read. Returns null when
 * they did (the caller reads again); throws 403 when SCIM is no longer enabled.
 */
async function writeIfUnchanged(
  ctx: Ctx,
  found: Versioned,
  change: {
    user?: Partial<UserRow>;
    identity?: Partial<ScimIdentityRow>;
    deleteIdentity?: boolean;
    /** The user's state after the write, to propagate to linked teams and site-admin grants. */
    sync?: { active: boolean };
  },
  event: AuditInput,
): Promise<ScimUserView | null> {
  const { identity, user, versions } = found;
  const sync = change.sync ? change.sync.active : null;
  const userValues: Partial<UserRow> | null = change.user ? { ...change.user } : null;
  // With propagation the grant is computed in SQL (see the statement).
  if (userValues && sync !== null) delete userValues.siteAdminScim;
  const identityChange: Partial<ScimIdentityRow> = change.identity ?? {};
  const shape: WriteShape = {
    userKeys: userValues ? setKeys(userValues) : null,
    identity: change.deleteIdentity ? "delete" : setKeys(identityChange),
    sync,
  };
  const [row] = await writeStatement(ctx.db, shape, {
    identityId: identity.id,
    userId: user.id,
    iv: versions.identity,
    uv: versions.user,
    now: ctx.now.toISOString(),
    siteAdminBefore: user.siteAdminScim,
    ...(userValues ? slotValues(users, userValues, "u_") : {}),
    ...(change.deleteIdentity ? {} : slotValues(scimIdentities, identityChange, "i_")),
    ...eventSlotValues(ctx, event),
  });
  requireActiveState(row?.settings);
  if (!row!.ok) return null;
  return {
    identity: maybeRowFromJson(scimIdentities, row!.identity) ?? identity,
    user: maybeRowFromJson(users, row!.user) ?? user,
  };
}

type Attempt<T> = (ctx: Ctx, found: Versioned) => Promise<T | null>;

/**
 * Reads, decides and writes in one statement, retrying if the rows changed in between (also when
 * a group change propagated to this user meanwhile: see userPropagationCtes). A write that keeps
 * losing runs in a transaction that locks the settings row (shared) and then the user's rows first
 * (SPEC §7's lock order), so its statement cannot lose again.
 */
async function optimistically<T>(ctx: Ctx, id: string, attempt: Attempt<T>, preloaded?: PreloadedUser): Promise<T> {
  for (let i = 0; i < 3; i++) {
    const found = i === 0 ? await firstRead(ctx.db, id, preloaded) : await loadVersioned(ctx.db, id, false);
    if (!found) throw notFoundUser();
    const done = await attempt(ctx, found);
    if (done !== null) return done;
  }
  return retryOnConflict(() =>
    ctx.db.transaction(async (tx) => {
      const found = await loadVersioned(tx, id, true);
      if (!found) throw notFoundUser();
      const done = await attempt({ ...ctx, db: tx }, found);
      if (done === null) throw new AppError("internal", "A locked SCIM user changed during its own write");
      return done;
    }),
  );
}

/** Whether the user is active once `patch` is applied (an admin's suspension outlives SCIM). */
const activeAfter = (user: UserRow, patch: Partial<UserRow>) => ("suspendedAt" in patch ? patch.suspendedAt : user.suspendedAt) === null;

/**
 * The one write path of PUT and PATCH: compute the next attributes from the current ones, store
 * what changed, audit once (deactivate/reactivate when `active` changed).
 */
export async function updateScimUser(
  ctx: Ctx,
  id: string,
  kind: "replace" | "update",
  next: (current: UserAttributes) => UserAttributes,
  preloaded?: PreloadedUser,
): Promise<ScimUserView> {
  try {
    return await optimistically(ctx, id, (ctx, found) => {
      const before = attributesOf(found.identity, found.user);
      let after = next(before);
      // `active: true` cannot lift an admin's suspension: then `active` did not change at all.
      if (after.active && !before.active && Object.keys(activeChange(found.user, true, ctx.now)).length === 0) after = { ...after, active: false };
      const changed = changedFields(before, after);
      const action: AuditAction = changed.includes("active")
        ? after.active
          ? "scim-user.reactivate"
          : "scim-user.deactivate"
        : kind === "replace"
          ? "scim-user.replace"
          : "scim-user.update";
      const target = { type: "scim-user", id };
      if (changed.length === 0) return writeIfUnchanged(ctx, found, {}, { action, target, outcome: "noop" });
      const userPatch: Partial<UserRow> = {};
      if (changed.includes("email")) userPatch.email = after.email;
      if (changed.includes("active")) Object.assign(userPatch, activeChange(found.user, after.active, ctx.now));
      return writeIfUnchanged(
        ctx,
        found,
        {
          user: Object.keys(userPatch).length ? { ...userPatch, updatedAt: ctx.now } : undefined,
          identity: { ...changedIdentityValues(before, after), updatedAt: ctx.now },
          sync: changed.includes("active") ? { active: activeAfter(found.user, userPatch) } : undefined,
        },
        { action, target, summary: { userId: found.user.id, changed } },
      );
    }, preloaded);
  } catch (e) {
    return mapUniqueViolation(e);
  }
}

/**
 * DELETE: removes the identity (and its group memberships, so its linked teams), suspends the
 * user and revokes the SCIM grant; the Roster user stays.
 */
export async function deleteScimUser(ctx: Ctx, id: string, preloaded?: PreloadedUser) {
  await optimistically(
    ctx,
    id,
    (ctx, found) =>
      writeIfUnchanged(
        ctx,
        found,
        { user: { ...activeChange(found.user, false, ctx.now), updatedAt: ctx.now }, deleteIdentity: true, sync: { active: false } },
        { action: "scim-user.delete", target: { type: "scim-user", id }, summary: { userId: found.user.id, userName: found.identity.userName } },
      ),
    preloaded,
  );
}
