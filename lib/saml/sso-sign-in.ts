// Who may sign in with SSO (SPEC §8.8), and the audit of every SSO sign-in, success or failure.
// The user is the first one whose email (case-insensitive) the assertion names: NameID first, then
// its email attributes (Entra's NameID is often the UPN, while SCIM provisioned the mail address).
// /saml/acs verifies the SAML response (service-provider.ts); this module takes what it verified,
// ties it to the browser that started the sign-in, uses it once, and decides:
// - while SCIM is enabled (or paused), any existing active user matched by email signs in, and an
//   unknown email is refused ("not provisioned yet") — SSO never creates a user then;
// - while SCIM is off, the first SSO sign-in creates the user (just-in-time), without a password;
// - a suspended user is refused.
// A "Test sign-in" (an admin checking the IdP settings) runs the same checks and decides, but
// creates nothing and signs nobody in.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { samlAssertionReplays, scimSettings, users, type UserRow } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { isUniqueViolation } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { findUserByEmail } from "@/lib/admin/users/user-queries";
import { usernameFor } from "@/lib/admin/users/create-local-user";
import type { SamlFailureReason } from "./service-provider";
import { SSO_RESULT_TTL_SECONDS, type SsoResult } from "./sso-tokens";

/** Why an SSO sign-in was refused after the SAML response itself checked out. */
export type SsoRefusal =
  | "not_provisioned" // SCIM is on and no user has this email
  | "suspended"
  | "browser_mismatch" // the browser did not start the sign-in this response answers
  | "replayed"; // the verified result was used already

export type SsoFailureReason = SamlFailureReason | SsoRefusal | "expired_result";

/** What a real sign-in would do, reported by a test sign-in. */
export type SsoTestOutcome = "would_sign_in" | "would_create" | "not_provisioned" | "suspended";

export type SsoSignInResult =
  | { ok: true; user: UserRow; created: boolean }
  | { ok: false; reason: SsoRefusal };

export type SsoTestResult = { ok: true; outcome: SsoTestOutcome } | { ok: false; reason: SsoRefusal };

/** What the browser is told: every failure of the SAML checks looks the same (a reference id only). */
export function publicReason(reason: SsoFailureReason): "not_provisioned" | "suspended" | "failed" {
  return reason === "not_provisioned" || reason === "suspended" ? reason : "failed";
}

/** Audits a refused SSO sign-in (session.sign-in-failed) with the precise reason. */
export async function recordSsoFailure(
  ctx: Ctx,
  reason: SsoFailureReason,
  details: { email?: string | null; userId?: string | null; test?: boolean } = {},
) {
  const userId = details.userId ?? null;
  await recordEvent(ctx.db, { ...ctx, actor: userId ? { type: "user", id: userId } : ctx.actor }, {
    action: "session.sign-in-failed",
    target: userId ? { type: "user", id: userId } : null,
    outcome: "failure",
    summary: { method: "saml", reason, ...(details.email ? { email: details.email } : {}), ...(details.test ? { test: true } : {}) },
  });
}

async function scimIsOn(tx: Tx) {
  const [row] = await tx.select({ enabled: scimSettings.enabled }).from(scimSettings).where(eq(scimSettings.id, "scim")).for("share");
  return row?.enabled ?? false;
}

/** The verified result is good for one use, by the browser that started the sign-in. */
async function claimResult(tx: Tx, ctx: Ctx, result: SsoResult, bindingRid: string | null): Promise<SsoRefusal | null> {
  if (result.rid !== null && bindingRid !== result.rid) return "browser_mismatch";
  const claimed = await tx
    .insert(samlAssertionReplays)
    .values({ assertionId: `finish:${result.assertionId}`, expiresAt: new Date(ctx.now.getTime() + SSO_RESULT_TTL_SECONDS * 1000 + 60_000) })
    .onConflictDoNothing({ target: samlAssertionReplays.assertionId })
    .returning({ id: samlAssertionReplays.assertionId });
  return claimed.length === 1 ? null : "replayed";
}

/** The first existing user, in the assertion's order of emails. */
async function findAssertedUser(tx: Tx, result: SsoResult) {
  const emails = result.emails.length ? result.emails : [result.email];
  for (const email of emails) {
    const user = await findUserByEmail(tx, email);
    if (user) return user;
  }
  return null;
}

/** A just-in-time user: no password, no role. Audited by the sign-in's own event (one per request). */
async function createJitUser(tx: Tx, ctx: Ctx, email: string): Promise<{ user: UserRow; created: boolean }> {
  const id = newId("user");
  try {
    // A savepoint, so that losing a race to a concurrent first sign-in leaves the transaction usable.
    const [row] = await tx.transaction((sp) =>
      sp.insert(users).values({ id, email, username: usernameFor(email), passwordHash: null, createdAt: ctx.now, updatedAt: ctx.now }).returning(),
    );
    return { user: row!, created: true };
  } catch (e) {
    if (!isUniqueViolation(e, "users_email_lower_key")) throw e;
    return { user: (await findUserByEmail(tx, email))!, created: false };
  }
}

/**
 * Completes an SSO sign-in from what /saml/acs verified. `ctx.requestId` is the reference id the
 * browser is shown on failure. Every outcome is audited in the same transaction as its effects.
 */
export async function completeSsoSignIn(ctx: Ctx, result: SsoResult, bindingRid: string | null): Promise<SsoSignInResult> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const refused = async (reason: SsoRefusal, userId: string | null = null): Promise<SsoSignInResult> => {
      await recordSsoFailure(c, reason, { email: result.email, userId });
      return { ok: false, reason };
    };
    const claimError = await claimResult(tx, c, result, bindingRid);
    if (claimError) return refused(claimError);

    const scimOn = await scimIsOn(tx);
    let user = await findAssertedUser(tx, result);
    let created = false;
    if (!user) {
      if (scimOn) return refused("not_provisioned");
      ({ user, created } = await createJitUser(tx, c, result.email));
    }
    if (user.suspendedAt) return refused("suspended", user.id);

    await recordEvent(tx, { ...c, actor: { type: "user", id: user.id } }, {
      action: "session.sign-in",
      target: { type: "user", id: user.id },
      // A just-in-time creation is part of this request's one event (SPEC §14).
      summary: { method: "saml", ...(created ? { created: true, email: user.email } : {}) },
    });
    return { ok: true, user, created };
  });
}

/**
 * A site admin's "Test sign-in": the same one-time use and browser binding, then a report of what
 * a real sign-in would do for the asserted email. Changes nothing but the audit log.
 */
export async function runSsoTest(ctx: Ctx, result: SsoResult, bindingRid: string | null): Promise<SsoTestResult> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const claimError = await claimResult(tx, c, result, bindingRid);
    if (claimError) {
      await recordSsoFailure(c, claimError, { email: result.email, test: true });
      return { ok: false, reason: claimError };
    }
    const user = await findAssertedUser(tx, result);
    const outcome: SsoTestOutcome = !user ? ((await scimIsOn(tx)) ? "not_provisioned" : "would_create") : user.suspendedAt ? "suspended" : "would_sign_in";
    await recordEvent(tx, c, {
      action: "session.sign-in",
      target: user ? { type: "user", id: user.id } : null,
      outcome: "noop",
      summary: { method: "saml", test: true, outcome, email: result.email },
    });
    return { ok: true, outcome };
  });
}
