// The SCIM state machine of SPEC §3: Disabled ⇄ Enabled ⇄ Paused, with Disable from anywhere.
// Every write locks the singleton row first (lock order: settings → groups → teams → users).
import { eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { scimGroups, scimIdentities, scimSettings, scimTokens, teamScimLinks, type ScimSettingsRow } from "@/db/schema";
import { recordEvent, type AuditAction } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { getSamlSettings, isSamlReady } from "@/lib/saml/saml-settings";
import { rowsOf } from "@/db/rows";
import { propagationSummary, syncSiteAdmins } from "@/lib/scim/sync/propagation";

export type ScimState = "disabled" | "enabled" | "paused";

/** Limits of SCIM writes (a blocked request fails with a retryable 503); set per connection. */
export { DB_LOCK_TIMEOUT as SCIM_LOCK_TIMEOUT, DB_STATEMENT_TIMEOUT as SCIM_STATEMENT_TIMEOUT } from "@/db/client";

export const scimState = (s: Pick<ScimSettingsRow, "enabled" | "paused">): ScimState =>
  !s.enabled ? "disabled" : s.paused ? "paused" : "enabled";

export interface ScimSettingsView extends ScimSettingsRow {
  siteAdminGroupDisplayName: string | null;
}

export async function getScimSettings(db: DbOrTx): Promise<ScimSettingsView> {
  const [row] = await db
    .select({ settings: scimSettings, groupName: scimGroups.displayName })
    .from(scimSettings)
    .leftJoin(scimGroups, eq(scimGroups.id, scimSettings.siteAdminGroupId))
    .where(eq(scimSettings.id, "scim"))
    .limit(1);
  if (!row) throw new AppError("internal", "SCIM settings row is missing");
  return { ...row.settings, siteAdminGroupDisplayName: row.groupName ?? null };
}

/** Locks the singleton: `update` for state changes, `share` for work that needs the state fixed. */
export async function lockScimSettings(tx: Tx, mode: "update" | "share"): Promise<ScimSettingsRow> {
  const [row] = await tx.select().from(scimSettings).where(eq(scimSettings.id, "scim")).for(mode === "update" ? "update" : "share");
  if (!row) throw new AppError("internal", "SCIM settings row is missing");
  return row;
}

/**
 * For SCIM resource writes: reads the state inside the caller's transaction (and holds it until
 * commit), so a request that arrives after a pause or disable commits nothing.
 */
export async function requireScimActive(tx: Tx) {
  const row = await lockScimSettings(tx, "share");
  if (!row.enabled) throw new AppError("forbidden", "SCIM provisioning is disabled");
  if (row.paused) throw new AppError("forbidden", "SCIM provisioning is paused");
  return row;
}

export interface ScimSettingsPatch {
  enabled?: boolean;
  paused?: boolean;
  siteAdminGroupId?: string | null;
}

const ptr = (attr: string) => `/data/attributes/${attr}`;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseScimSettingsPatch(attrs: Record<string, unknown>): ScimSettingsPatch {
  const patch: ScimSettingsPatch = {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(attrs, k);
  for (const key of ["enabled", "paused"] as const) {
    if (has(key)) {
      if (typeof attrs[key] !== "boolean") throw new AppError("invalid_value", `${key} must be a boolean`, { pointer: ptr(key) });
      patch[key] = attrs[key] as boolean;
    }
  }
  if (has("site-admin-group-scim-id")) {
    const v = attrs["site-admin-group-scim-id"];
    if (v !== null && typeof v !== "string") {
      throw new AppError("invalid_value", "site-admin-group-scim-id must be a SCIM group id or null", { pointer: ptr("site-admin-group-scim-id") });
    }
    // Group ids are uuids: any case names the same group, and compares equal to the stored one.
    patch.siteAdminGroupId = typeof v === "string" && UUID_RE.test(v) ? v.toLowerCase() : (v as string | null);
  }
  return patch;
}

/** PATCH /admin/scim-settings: only the attributes sent change; one audit event per request. */
export async function updateScimSettings(ctx: Ctx, patch: ScimSettingsPatch) {
  return ctx.db.transaction(async (tx) => {
    const current = await lockScimSettings(tx, "update");
    const next = { ...current };
    const actions: AuditAction[] = [];

    if (patch.enabled === false) {
      throw new AppError("invalid_value", "SCIM provisioning cannot be disabled with PATCH; use DELETE /api/v2/admin/scim-settings", {
        pointer: ptr("enabled"),
      });
    }
    if (patch.enabled === true && !current.enabled) {
      if (!isSamlReady(await getSamlSettings(tx))) {
        throw new AppError(
          "invalid_value",
          "SAML single sign-on must be configured and enabled before SCIM provisioning can be enabled",
          { pointer: ptr("enabled") },
        );
      }
      next.enabled = true;
      actions.push("scim-settings.enable");
    }
    if (patch.paused !== undefined) {
      if (!next.enabled) {
        throw new AppError("invalid_value", "SCIM provisioning is disabled; enable it before pausing or resuming", { pointer: ptr("paused") });
      }
      if (patch.paused !== current.paused) {
        next.paused = patch.paused;
        actions.push(patch.paused ? "scim-settings.pause" : "scim-settings.resume");
      }
    }
    if (patch.siteAdminGroupId !== undefined && patch.siteAdminGroupId !== current.siteAdminGroupId) {
      if (patch.siteAdminGroupId !== null) {
        const groupId = patch.siteAdminGroupId;
        const found = UUID_RE.test(groupId)
          ? rowsOf<{ id: string; linked: boolean }>(
              await tx.execute(sql`
                select g.id, exists(select 1 from ${teamScimLinks} l where l.scim_group_id = g.id) as linked
                from ${scimGroups} g where g.id = ${groupId}::uuid for share
              `),
            )[0]
          : undefined;
        if (!found) {
          throw new AppError("invalid_value", "site-admin-group-scim-id does not name a SCIM group", { pointer: ptr("site-admin-group-scim-id") });
        }
        if (found.linked) {
          throw new AppError("invalid_value", "A SCIM group linked to a team cannot be the site admin group", {
            pointer: ptr("site-admin-group-scim-id"),
          });
        }
      }
      next.siteAdminGroupId = patch.siteAdminGroupId;
      actions.push("scim-settings.site-admin-group-change");
    }

    const sent = Object.keys(patch);
    if (actions.length === 0) {
      const action: AuditAction =
        patch.enabled !== undefined ? "scim-settings.enable" : patch.paused !== undefined ? (patch.paused ? "scim-settings.pause" : "scim-settings.resume") : "scim-settings.site-admin-group-change";
      if (sent.length) await recordEvent(tx, ctx, { action, target: { type: "scim-settings", id: "scim" }, outcome: "noop" });
      return current;
    }
    const [row] = await tx
      .update(scimSettings)
      .set({ enabled: next.enabled, paused: next.paused, siteAdminGroupId: next.siteAdminGroupId, updatedAt: ctx.now })
      .where(eq(scimSettings.id, "scim"))
      .returning();
    // A new mapping grants every active member and revokes every other SCIM-sourced grant
    // (SPEC §6); clearing it revokes nothing. The settings row lock excludes every SCIM write.
    const grants = actions.includes("scim-settings.site-admin-group-change") ? await syncSiteAdmins(tx, next.siteAdminGroupId, null) : null;
    await recordEvent(tx, ctx, {
      action: actions[0]!,
      target: { type: "scim-settings", id: "scim" },
      summary: {
        from: scimState(current),
        to: scimState(next),
        ...(actions.length > 1 ? { actions } : {}),
        ...(actions.includes("scim-settings.site-admin-group-change") ? { siteAdminGroupId: next.siteAdminGroupId, previousSiteAdminGroupId: current.siteAdminGroupId } : {}),
        ...(grants ? propagationSummary(grants, null) : {}),
      },
    });
    return row!;
  });
}

/**
 * DELETE /admin/scim-settings: one transaction that deletes SCIM groups (with their members and
 * team links), SCIM identities and revokes every SCIM token, then resets the settings. Users,
 * their suspension, teams, team members, organization memberships and site-admin grants stay.
 */
export async function disableScim(ctx: Ctx) {
  return ctx.db.transaction(async (tx) => {
    const current = await lockScimSettings(tx, "update");
    const links = await tx.delete(teamScimLinks).returning({ teamId: teamScimLinks.teamId });
    const groups = await tx.delete(scimGroups).returning({ id: scimGroups.id });
    const identities = await tx.delete(scimIdentities).returning({ id: scimIdentities.id });
    const tokens = await tx
      .update(scimTokens)
      .set({ revokedAt: ctx.now })
      .where(isNull(scimTokens.revokedAt))
      .returning({ id: scimTokens.id });
    const [row] = await tx
      .update(scimSettings)
      .set({ enabled: false, paused: false, siteAdminGroupId: null, updatedAt: ctx.now })
      .where(eq(scimSettings.id, "scim"))
      .returning();
    const changed = current.enabled || links.length + groups.length + identities.length + tokens.length > 0;
    await recordEvent(tx, ctx, {
      action: "scim-settings.disable",
      target: { type: "scim-settings", id: "scim" },
      outcome: changed ? "success" : "noop",
      summary: {
        from: scimState(current),
        deleted: { groups: groups.length, teamLinks: links.length, identities: identities.length },
        revokedTokens: tokens.length,
      },
    });
    return row!;
  });
}
