// Creates the first site admin. Closed as soon as any site admin exists; concurrent attempts
// serialize on an advisory lock so exactly one can win. One audit event: setup.complete.
import { sql } from "drizzle-orm";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { countSiteAdmins } from "@/lib/admin/users/user-queries";
import { createLocalUserInTx } from "@/lib/admin/users/create-local-user";

const SETUP_LOCK = 72_173_002;

export async function isSetupOpen(db: Ctx["db"]) {
  return (await countSiteAdmins(db)) === 0;
}

export async function completeSetup(ctx: Ctx, input: { email: string; password: string }) {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    if ((await countSiteAdmins(tx)) > 0) {
      throw new AppError("conflict", "Setup is already complete. Sign in with an existing administrator account.");
    }
    const user = await createLocalUserInTx(tx, ctx, { ...input, isSiteAdmin: true }, { audit: false });
    await recordEvent(tx, { ...ctx, actor: { type: "user", id: user.id } }, {
      action: "setup.complete",
      target: { type: "user", id: user.id },
      summary: { email: user.email },
    });
    return user;
  });
}
