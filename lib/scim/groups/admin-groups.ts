// SCIM groups as the admin API and console see them (SPEC §5 `GET /admin/scim-groups`): name,
// member and link counts, the linked teams and the site-admin marker; ordered by name.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { escapeLike } from "@/db/sql-values";
import { AppError } from "@/lib/errors";
import { readScimSettings } from "@/lib/scim/read-settings";
import { isUuid } from "@/lib/scim/values";

/** Linked teams listed per group (the count is always exact). */
const LINKED_TEAMS_SHOWN = 50;

export interface AdminGroupView {
  id: string;
  name: string;
  externalId: string | null;
  memberCount: number;
  linkedTeamCount: number;
  linkedTeams: { id: string; name: string; organizationName: string }[];
  isSiteAdminGroup: boolean;
}

export interface AdminGroupMember {
  userId: string;
  identityId: string;
  userName: string;
  email: string;
  active: boolean;
}

type Row = {
  id: string;
  display_name: string;
  external_id: string | null;
  member_count: number | string;
  linked_team_count: number | string;
  linked_teams: unknown;
  is_site_admin_group: boolean | null;
};

const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

function toView(r: Row): AdminGroupView {
  const teams = json<{ id: string; name: string; organization_name: string }[] | null>(r.linked_teams) ?? [];
  return {
    id: r.id,
    name: r.display_name,
    externalId: r.external_id,
    memberCount: Number(r.member_count),
    linkedTeamCount: Number(r.linked_team_count),
    linkedTeams: teams.map((t) => ({ id: t.id, name: t.name, organizationName: t.organization_name })),
    isSiteAdminGroup: r.is_site_admin_group === true,
  };
}

const columns = sql`
  g.id, g.display_name, g.external_id,
  (select count(*) from scim_group_members m where m.group_id = g.id) as member_count,
  (select count(*) from team_scim_links l where l.scim_group_id = g.id) as linked_team_count,
  (select json_agg(x order by lower(x.organization_name), lower(x.name)) from (
     select t.id, t.name, t.organization_name from team_scim_links l join teams t on t.id = l.team_id
     where l.scim_group_id = g.id order by lower(t.organization_name), lower(t.name) limit ${LINKED_TEAMS_SHOWN}) x) as linked_teams,
  g.id = (select site_admin_group_id from scim_settings where id = 'scim') as is_site_admin_group`;

/** `q` is a case-insensitive substring of the name. Empty while SCIM is disabled. */
export async function listAdminScimGroups(db: DbOrTx, q: string, page: { number: number; size: number }) {
  if (!(await readScimSettings(db)).enabled) return { rows: [] as AdminGroupView[], total: 0 };
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const where = q ? sql`lower(g.display_name) like ${pattern} escape '\\'` : sql`true`;
  const [rows, [total]] = await Promise.all([
    db.execute(sql`select ${columns} from scim_groups g where ${where} order by lower(g.display_name), g.id limit ${page.size} offset ${(page.number - 1) * page.size}`),
    db.execute(sql`select count(*) as n from scim_groups g where ${where}`).then((r) => rowsOf<{ n: number | string }>(r)),
  ]);
  return { rows: rowsOf<Row>(rows).map(toView), total: Number(total?.n ?? 0) };
}

/** One group with its members (by SCIM userName). 404 when unknown or SCIM is disabled. */
export async function getAdminScimGroup(db: DbOrTx, id: string) {
  const [row] = isUuid(id) ? rowsOf<Row>(await db.execute(sql`select ${columns} from scim_groups g where g.id = ${id}::uuid`)) : [];
  if (!row) throw new AppError("not_found", "SCIM group not found");
  const members = rowsOf<{ user_id: string; identity_id: string; user_name: string; email: string; active: boolean }>(
    await db.execute(sql`
      select u.id as user_id, i.id as identity_id, i.user_name, u.email, u.suspended_at is null as active
      from scim_group_members m join scim_identities i on i.id = m.identity_id join users u on u.id = i.user_id
      where m.group_id = ${id}::uuid order by lower(i.user_name), i.id`),
  );
  return {
    group: toView(row),
    members: members.map((m): AdminGroupMember => ({ userId: m.user_id, identityId: m.identity_id, userName: m.user_name, email: m.email, active: m.active })),
  };
}
