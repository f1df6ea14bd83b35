// The versioned read of one SCIM user that every write of it starts from: both rows as JSON and
// their row versions (xmin), which the write must still find. It is also part of the request
// gate's statement (lib/scim/tokens), so a request about one user reads it in that round trip.
import { sql, type SQL } from "drizzle-orm";
import { scimIdentities, scimSettings, users } from "@/db/schema";

export type VersionedUserRow = { identity: unknown; user: unknown; iv: string; uv: string };

/**
 * `id` is a uuid-typed SQL value. `lock` also share-locks the settings row and returns it (read
 * and locked while the row is projected, before the user's rows are locked: SPEC §7's order),
 * then locks the user's rows.
 */
export const versionedUserSql = (id: SQL, lock = false) => sql`
  ${lock ? sql`with s as (select * from ${scimSettings} where id = 'scim' for share)` : sql``}
  select row_to_json(i) as identity, row_to_json(u) as "user", i.xmin::text as iv, u.xmin::text as uv
         ${lock ? sql`, (select row_to_json(s) from s) as settings` : sql``}
  from ${scimIdentities} i join ${users} u on u.id = i.user_id
  where i.id = ${id} ${lock ? sql`for update of i, u` : sql``}`;
