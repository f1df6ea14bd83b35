import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses one field with zod and turns the first issue into a 422 with a JSON pointer. */
export function parseField<T extends z.ZodType>(schema: T, value: unknown, pointer: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AppError("invalid_value", r.error.issues[0]?.message ?? "Invalid value", { pointer });
}
