// Password sign-in decision, framework-free: generic failure for a wrong email or password,
// a distinct refusal for suspended accounts, one audit event per attempt.
import type { DbOrTx } from "@/db/client";
import { recordEvent } from "@/lib/audit/record-event";
import { verifyPassword } from "@/lib/auth/password";
import { findUserByEmail } from "@/lib/admin/users/user-queries";
import type { UserRow } from "@/db/schema";

export type PasswordSignInResult = { ok: true; user: UserRow } | { ok: false; reason: "invalid" | "suspended" };

export async function checkPasswordSignIn(
  db: DbOrTx,
  ctx: { requestId: string; now: Date },
  email: string,
  password: string,
): Promise<PasswordSignInResult> {
  const user = await findUserByEmail(db, email);
  // Always run scrypt, so an unknown email costs as much as a wrong password.
  const matches = await verifyPassword(password, user?.passwordHash ?? null);
  const audit = (ok: boolean, reason?: string) =>
    recordEvent(db, { ...ctx, actor: user ? { type: "user", id: user.id } : { type: "system", id: null } }, {
      action: ok ? "session.sign-in" : "session.sign-in-failed",
      target: user ? { type: "user", id: user.id } : null,
      outcome: ok ? "success" : "failure",
      summary: { method: "password", ...(reason ? { reason } : {}) },
    });
  if (!user || !matches) {
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
