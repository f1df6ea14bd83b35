// Wraps every /api/v2 handler: resolves the caller (bearer user API token, or the session cookie
// with a same-origin check on writes), answers 401 without credentials and 404 to non-admins,
// maps errors once and stamps X-Request-Id.
import type { NextRequest } from "next/server";
import type { Db } from "@/db/client";
import type { UserRow } from "@/db/schema";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";
import { authenticateUserApiToken, touchUserApiToken } from "@/lib/tokens/user-api-tokens";
import { parseBearer } from "@/lib/tokens/token-format";
import { toJsonApiError } from "@/lib/http/jsonapi";
import { newRequestId } from "@/lib/http/request-id";
import { log } from "@/lib/log";
import { publicOrigin } from "@/lib/http/public-origin";
import { takeTokens, type BucketSpec } from "@/lib/rate-limit/token-bucket";

export interface ApiCtx extends Ctx {
  db: Db;
  user: UserRow;
  via: "token" | "session";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const expectedHost = (req: NextRequest) => new URL(publicOrigin(req)).host;

/** Cookie-authenticated writes must come from our own pages. */
export function assertSameOrigin(req: NextRequest) {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") throw new AppError("forbidden", "Cross-origin request refused");
  const origin = req.headers.get("origin");
  if (!origin) {
    if (site === "same-origin") return;
    throw new AppError("forbidden", "Cross-origin request refused: Origin header required");
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Cross-origin request refused");
  }
  if (host !== expectedHost(req)) throw new AppError("forbidden", "Cross-origin request refused");
}

async function resolveCaller(req: NextRequest, db: Db, now: Date): Promise<{ user: UserRow; via: ApiCtx["via"] }> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const raw = parseBearer(header);
    const hit = raw ? await authenticateUserApiToken(db, env(), raw, now) : null;
    if (!hit || hit.user.suspendedAt) throw new AppError("unauthorized", "Invalid or expired API token");
    // Outside any transaction and off the response path.
    void touchUserApiToken(db, hit.token.id, now).catch((error) => log.warn("could not record token use", { error }));
    return { user: hit.user, via: "token" };
  }
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Authentication required");
  if (!SAFE_METHODS.has(req.method)) assertSameOrigin(req);
  return { user, via: "session" };
}

type RouteContext<P> = { params: Promise<P> };

export interface AdminRouteOptions {
  /** A per-caller budget, e.g. 20 requests/second on the SCIM settings endpoints. */
  rateLimit?: { name: string; rate: number; burst: number };
}

/** SPEC §5: the SCIM administration endpoints share 20 requests/second per site admin. */
export const SCIM_ADMIN_RATE_LIMIT = { name: "scim-admin", rate: 20, burst: 20 };

async function enforceRateLimit(db: Db, userId: string, limit: NonNullable<AdminRouteOptions["rateLimit"]>) {
  const spec: BucketSpec = { key: `admin:${limit.name}:${userId}`, rate: limit.rate, burst: limit.burst };
  const result = await takeTokens(db, spec);
  if (!result.allowed) {
    throw new AppError("rate_limited", "Too many requests; slow down and retry after the time in Retry-After", {
      retryAfter: result.retryAfter,
    });
  }
}

function wrap<P>(requireAdmin: boolean, handler: (req: NextRequest, ctx: ApiCtx, params: P) => Promise<Response>, options: AdminRouteOptions = {}) {
  return async (req: NextRequest, route: RouteContext<P>) => {
    const requestId = newRequestId();
    try {
      const db = await getDb();
      const now = new Date();
      const { user, via } = await resolveCaller(req, db, now);
      // Non-admins learn nothing: the admin API does not exist for them.
      if (requireAdmin && !isSiteAdmin(user)) throw new AppError("not_found", "Not found");
      if (options.rateLimit) await enforceRateLimit(db, user.id, options.rateLimit);
      const ctx: ApiCtx = { db, user, via, now, requestId, actor: { type: "user", id: user.id } };
      const res = await handler(req, ctx, await route.params);
      res.headers.set("X-Request-Id", requestId);
      return res;
    } catch (e) {
      return toJsonApiError(requestId, e);
    }
  };
}

/** Site admins only. */
export const withAdmin = <P = Record<string, never>>(
  handler: (req: NextRequest, ctx: ApiCtx, params: P) => Promise<Response>,
  options?: AdminRouteOptions,
) => wrap<P>(true, handler, options);

/** Any signed-in, unsuspended user (account endpoints). */
export const withUser = <P = Record<string, never>>(handler: (req: NextRequest, ctx: ApiCtx, params: P) => Promise<Response>) =>
  wrap<P>(false, handler);
