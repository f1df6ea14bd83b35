// Writes one audit row inside the caller's transaction, so the event commits (or rolls back)
// with the change it describes. Summaries must never carry secrets.
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { insertWhere, slots, slotValues } from "@/db/sql-values";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/context";

export const AUDIT_ACTIONS = [
  "scim-user.create", "scim-user.link", "scim-user.replace", "scim-user.update",
  "scim-user.deactivate", "scim-user.reactivate", "scim-user.delete",
  "scim-group.create", "scim-group.update", "scim-group.members-change", "scim-group.delete",
  "team-link.create", "team-link.delete", "team-link.pause", "team-link.resume",
  "scim-settings.enable", "scim-settings.pause", "scim-settings.resume", "scim-settings.disable",
  "scim-settings.site-admin-group-change",
  "scim-token.create", "scim-token.revoke", "user-token.create", "user-token.revoke",
  "site-admin.grant", "site-admin.revoke",
  "user.create", "user.suspend", "user.unsuspend", "user.delete",
  "saml-settings.update", "organization.create",
  "team.create", "team.update", "team.delete", "team.member-add", "team.member-remove",
  "session.sign-in", "session.sign-in-failed", "setup.complete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditTarget {
  type: string;
  id: string | null;
}

export interface AuditInput {
  action: AuditAction;
  target: AuditTarget | null;
  outcome?: "success" | "noop" | "failure";
  summary?: Record<string, unknown>;
}

// Any key naming a secret; counts such as "revokedTokens" and ids such as "tokenId" are fine.
const SECRET_KEY = /password|secret|authorization|cookie|^(access[-_]?)?token$|^bearer/i;

// Defence in depth: drop anything that looks like a secret-bearing field and escape control
// characters, so a userName carrying "\n" cannot forge log lines.
export function redactSummary(value: unknown, depth = 0): unknown {
  if (depth > 4) return "…";
  if (typeof value === "string") {
    // Cut by code points, so a surrogate pair is never split (jsonb refuses a lone surrogate),
    // and replace any lone surrogate that arrived anyway.
    const chars = value.length > 300 ? Array.from(value) : null;
    const s = (chars && chars.length > 300 ? chars.slice(0, 300).join("") + "…" : value).toWellFormed();
    return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redactSummary(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) continue;
      out[k] = redactSummary(v, depth + 1);
    }
    return out;
  }
  return value;
}

type EventCtx = { actor: Actor; requestId: string; now?: Date };

function eventValues(ctx: EventCtx, input: AuditInput) {
  return {
    occurredAt: ctx.now,
    action: input.action,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    outcome: input.outcome ?? "success",
    requestId: ctx.requestId,
    summary: redactSummary(input.summary ?? {}) as Record<string, unknown>,
  };
}

export async function recordEvent(db: DbOrTx, ctx: EventCtx, input: AuditInput) {
  await db.insert(auditEvents).values(eventValues(ctx, input));
}

// The same event as a statement that writes only when `when` holds, for a data-modifying CTE (the
// change and its audit row then commit together in one statement), built once per shape
// (db/prepared.ts `shapedStatement`): the row's values are placeholders named `a_<key>`, bound
// with `eventSlotValues`. `summaryExtra` adds facts only the statement itself knows (what it
// propagated) to the summary.
const EVENT_KEYS = ["occurredAt", "action", "actorType", "actorId", "targetType", "targetId", "outcome", "requestId", "summary"] as const;

export function recordEventSlots(when: SQL, summaryExtra?: SQL): SQL {
  const values = slots(auditEvents, EVENT_KEYS, "a_");
  if (!summaryExtra) return insertWhere(auditEvents, values, when);
  return insertWhere(auditEvents, values, when, { summary: sql`(${values.summary} || ${summaryExtra})` });
}

export function eventSlotValues(ctx: Required<EventCtx>, input: AuditInput): Record<string, unknown> {
  return slotValues(auditEvents, eventValues(ctx, input), "a_");
}
