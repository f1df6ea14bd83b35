// Factories build data through the core, each with unique values, so tests never share rows.
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import type { Ctx, Actor } from "@/lib/context";
import { createLocalUser } from "@/lib/admin/users/create-local-user";
import { createOrganization } from "@/lib/admin/organizations/organizations";

export const TEST_KEYS = { AUTH_SECRET: "test-secret-test-secret-test-secret-0123" };

export const uniq = (prefix = "t") => `${prefix}-${randomBytes(5).toString("hex")}`;

let seq = 0;
export function ctxFor(db: Db, actor: Actor = { type: "system", id: null }): Ctx {
  seq += 1;
  return { db, actor, now: new Date(), requestId: `req-${seq}-${randomBytes(3).toString("hex")}` };
}

export async function makeUser(db: Db, opts: { admin?: boolean; email?: string } = {}) {
  return createLocalUser(ctxFor(db), {
    email: opts.email ?? `${uniq("user")}@example.com`,
    password: "correct horse battery staple",
    isSiteAdmin: opts.admin ?? false,
  });
}

export async function makeOrg(db: Db, creatorId: string, name = uniq("org")) {
  return createOrganization(ctxFor(db, { type: "user", id: creatorId }), { name, email: `${name}@example.com` });
}
