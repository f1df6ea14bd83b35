// Password sign-in decision, framework-free: generic failure for a wrong email or password,
// a distinct refusal for suspended accounts, throttling of failures per account and per client
// address, one audit event per attempt.
import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { recordEvent } from "@/lib/audit/record-event";
import { verifyPassword } from "@/lib/auth/password";
import { findUserByEmail } from "@/lib/admin/users/user-queries";
import { takeTokens, type BucketSpec } from "@/lib/rate-limit/token-bucket";
import type { UserRow } from "@/db/schema";

export type PasswordSignInResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: "invalid" | "suspended" }
  | { ok: false; reason: "throttled"; retryAfter: number };

const WINDOW_SECONDS = 15 * 60;
/** 10 failed attempts per account and 50 per client address in 15 minutes. */
export const SIGN_IN_LIMITS = { perAccount: 10, perAddress: 50, windowSeconds: WINDOW_SECONDS };

// Keys hold a digest, not the email or address itself.
const digest = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);

function buckets(email: string, address: string | null): BucketSpec[] {
  const list: BucketSpec[] = [
    { key: `signin:account:${digest(email.trim().toLowerCase())}`, burst: SIGN_IN_LIMITS.perAccount, rate: SIGN_IN_LIMITS.perAccount / WINDOW_SECONDS },
  ];
  if (address) {
    list.push({ key: `signin:address:${digest(address)}`, burst: SIGN_IN_LIMITS.perAddress, rate: SIGN_IN_LIMITS.perAddress / WINDOW_SECONDS });
  }
  return list;
}

export async function checkPasswordSignIn(
  db: DbOrTx,
  ctx: { requestId: string; now: Date; clientAddress?: string | null },
  email: string,
  password: string,
): Promise<PasswordSignInResult> {
  const user = await findUserByEmail(db, email);
  const audit = (ok: boolean, reason?: string) =>
    recordEvent(db, { ...ctx, actor: user ? { type: "user", id: user.id } : { type: "system", id: null } }, {
      action: ok ? "session.sign-in" : "session.sign-in-failed",
      target: user ? { type: "user", id: user.id } : null,
      outcome: ok ? "success" : "failure",
      summary: { method: "password", ...(reason ? { reason } : {}) },
    });

  const specs = buckets(email, ctx.clientAddress ?? null);
  const looks = await Promise.all(specs.map((s) => takeTokens(db, s, 0)));
  const blocked = looks.filter((l) => !l.allowed);
  if (blocked.length) {
    await audit(false, "throttled");
    return { ok: false, reason: "throttled", retryAfter: Math.max(...blocked.map((b) => b.retryAfter)) };
  }

  // Always run scrypt, so an unknown email costs as much as a wrong password.
  const matches = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !matches) {
    await Promise.all(specs.map((s) => takeTokens(db, s, 1)));
    await audit(false, "invalid-credentials");
    return { ok: false, reason: "invalid" };
  }
  if (user.suspendedAt) {
    await audit(false, "suspended");
    return { ok: false, reason: "suspended" };
  }
  await audit(true);
  return { ok: true, user };
}
