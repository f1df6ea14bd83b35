// Recognises PostgreSQL errors the same way for both drivers (postgres.js and PGlite put the
// SQLSTATE in `code`; drizzle may wrap the driver error in `cause`).
interface PgLikeError {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  cause?: unknown;
  message?: string;
}

function pgError(e: unknown): PgLikeError | null {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const c = cur as PgLikeError;
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    cur = c.cause;
  }
  return null;
}

export function sqlState(e: unknown) {
  return pgError(e)?.code ?? null;
}

export function isUniqueViolation(e: unknown, constraint?: string) {
  const pe = pgError(e);
  if (!pe || pe.code !== "23505") return false;
  if (!constraint) return true;
  const name = pe.constraint ?? pe.constraint_name ?? "";
  return name === constraint || (pe.message ?? "").includes(constraint);
}

export function isForeignKeyViolation(e: unknown) {
  return pgError(e)?.code === "23503";
}

/**
 * Contention the client should retry: serialization failure, deadlock, lock or statement
 * timeout (SPEC §7, §11: 503 + Retry-After, nothing applied).
 */
export function isRetryableContention(e: unknown) {
  const code = sqlState(e);
  return code === "40001" || code === "40P01" || code === "55P03" || code === "57014";
}

/** Deadlocks and serialization failures are worth retrying; lock and statement timeouts are not. */
export function isRetryableConflict(e: unknown) {
  const code = sqlState(e);
  return code === "40001" || code === "40P01";
}

/**
 * Runs a whole transaction again after a deadlock or serialization failure, at most `retries`
 * more times (SPEC §7); after that the error reaches the surface, which answers 503.
 */
export async function retryOnConflict<T>(run: () => Promise<T>, retries = 3): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= retries || !isRetryableConflict(e)) throw e;
    }
  }
}
