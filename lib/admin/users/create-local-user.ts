// Creates a password (non-SSO) account. Used by /setup, the admin CLI and, later, the console.
import { recordEvent } from "@/lib/audit/record-event";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { isUniqueViolation } from "@/lib/db-errors";
import { z } from "zod";

export const EmailSchema = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address with exactly one @ and no spaces");

export interface CreateLocalUserInput {
  email: string;
  password: string;
  isSiteAdmin: boolean;
}

export function validateLocalUserInput(input: CreateLocalUserInput) {
  const email = EmailSchema.safeParse(input.email);
  if (!email.success) throw new AppError("invalid_value", "Email must be a valid email address", { pointer: "/data/attributes/email" });
  if (typeof input.password !== "string" || [...input.password].length < PASSWORD_MIN_LENGTH) {
    throw new AppError("invalid_value", `Password must be at least ${PASSWORD_MIN_LENGTH} characters`, {
      pointer: "/data/attributes/password",
    });
  }
  if ([...input.password].length > 1024) {
    throw new AppError("invalid_value", "Password must be at most 1024 characters", { pointer: "/data/attributes/password" });
  }
  return email.data;
}

/** Generates a username from the email's local part; uniqueness is settled by the index. */
export function usernameFor(email: string) {
  const local = email.split("@")[0]!.toLowerCase().replace(/[^a-z0-9._-]/g, "-").slice(0, 32) || "user";
  return `${local}-${newId("user").slice(5, 11).toLowerCase()}`;
}

/** Runs inside the caller's transaction (setup needs its own lock around it). */
export async function createLocalUserInTx(
  tx: Tx,
  ctx: Omit<Ctx, "db">,
  input: CreateLocalUserInput,
  options: { audit: boolean } = { audit: true },
) {
  const email = validateLocalUserInput(input);
  const passwordHash = await hashPassword(input.password);
  const id = newId("user");
  try {
    const [row] = await tx
      .insert(users)
      .values({
        id,
        email,
        username: usernameFor(email),
        passwordHash,
        siteAdminManual: input.isSiteAdmin,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (options.audit) await recordEvent(tx, ctx, {
      action: "user.create",
      target: { type: "user", id },
      summary: { email, siteAdmin: input.isSiteAdmin, method: "password" },
    });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e, "users_email_lower_key")) {
      throw new AppError("invalid_value", "A user with this email already exists", { pointer: "/data/attributes/email" });
    }
    throw e;
  }
}

export async function createLocalUser(ctx: Ctx, input: CreateLocalUserInput) {
  return ctx.db.transaction((tx) => createLocalUserInTx(tx, ctx, input));
}
