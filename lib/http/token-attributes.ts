import { AppError } from "@/lib/errors";

/** `description` and `expired-at` of a token create request, shared by both token kinds. */
export function parseTokenAttributes(attributes: Record<string, unknown>) {
  const description = attributes.description ?? null;
  if (description !== null && (typeof description !== "string" || description.length > 255)) {
    throw new AppError("invalid_value", "description must be a string of at most 255 characters", { pointer: "/data/attributes/description" });
  }
  let expiresAt: Date | undefined;
  if (attributes["expired-at"] != null) {
    const raw = attributes["expired-at"];
    const parsed = typeof raw === "string" && /^\d{4}-\d{2}-\d{2}/.test(raw) ? new Date(raw) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      throw new AppError("invalid_value", "expired-at must be an ISO-8601 timestamp", { pointer: "/data/attributes/expired-at" });
    }
    expiresAt = parsed;
  }
  return { description: description as string | null, expiresAt };
}
