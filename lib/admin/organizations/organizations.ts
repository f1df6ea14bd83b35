// Organizations: created with their owners team (holding the creator), addressed by name.
import { asc, count, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { organizationMemberships, organizations, teamMemberships, teams } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { EmailSchema } from "@/lib/admin/users/create-local-user";

export const ORGANIZATION_NAME_RE = /^[A-Za-z0-9_-]{1,40}$/;

// Console paths under /app/ that an organization name would shadow.
const RESERVED_NAMES = new Set(["admin", "organizations", "settings", "account"]);

export const CreateOrganizationInput = z.object({
  name: z
    .string()
    .regex(ORGANIZATION_NAME_RE, "Name must be 1–40 letters, numbers, hyphens or underscores")
    .refine((n) => !RESERVED_NAMES.has(n.toLowerCase()), "This name is reserved; choose another"),
  email: EmailSchema,
});
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;

export async function createOrganization(ctx: Ctx, input: CreateOrganizationInput) {
  if (ctx.actor.type !== "user") throw new AppError("forbidden", "Only a user can create an organization");
  const creatorId = ctx.actor.id;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organizations)
        .values({ name: input.name, email: input.email, createdBy: creatorId, createdAt: ctx.now })
        .returning();
      const ownersId = newId("team");
      await tx.insert(teams).values({
        id: ownersId,
        organizationName: input.name,
        name: "owners",
        isOwners: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await tx.insert(organizationMemberships).values({ organizationName: input.name, userId: creatorId, createdAt: ctx.now });
      await tx.insert(teamMemberships).values({ teamId: ownersId, userId: creatorId, createdAt: ctx.now });
      await recordEvent(tx, ctx, {
        action: "organization.create",
        target: { type: "organization", id: input.name },
        summary: { name: input.name, ownersTeamId: ownersId },
      });
      return org!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("invalid_value", "Name has already been taken", { pointer: "/data/attributes/name" });
    }
    throw e;
  }
}

export async function findOrganization(db: DbOrTx, name: string) {
  const rows = await db
    .select()
    .from(organizations)
    .where(sql`lower(${organizations.name}) = lower(${name})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function getOrganization(db: DbOrTx, name: string) {
  const org = await findOrganization(db, name);
  if (!org) throw notFound("Organization");
  return org;
}

export async function listOrganizations(db: DbOrTx, page: { number: number; size: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(organizations)
      .orderBy(asc(organizations.createdAt), asc(organizations.name))
      .limit(page.size)
      .offset((page.number - 1) * page.size),
    db.select({ n: count() }).from(organizations),
  ]);
  return { rows, total: total?.n ?? 0 };
}
