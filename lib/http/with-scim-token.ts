// The gate of every /scim/v2 handler: bearer SCIM token (checksum before any query), failed
// authentication throttled per client address, the site-wide budget for Users/Groups, the SCIM
// state (403 while disabled or paused; discovery answers in every state), SCIM error bodies.
// Order of checks (SPEC §14): 401 → 429 → 403, then the handler's own.
import type { NextRequest } from "next/server";
import type { Db } from "@/db/client";
import type { ScimSettingsRow, ScimTokenRow } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, isAppError, type AppErrorDetails } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { newRequestId } from "@/lib/http/request-id";
import { scimBaseUrl } from "@/lib/http/public-origin";
import { toScimError } from "@/lib/http/scim-response";
import { log } from "@/lib/log";
import { logScimRequest, resourceOf, sanitizeScimPath } from "@/lib/audit/activity-log";
import { takeTokens } from "@/lib/rate-limit/token-bucket";
import { addLease, leaseSize, returnLeased, takeLeased } from "@/lib/rate-limit/lease";
import { scimState } from "@/lib/scim/settings/scim-settings";
import { authenticateScimToken, touchScimToken } from "@/lib/scim/tokens/scim-tokens";
import type { PreloadedUser } from "@/lib/scim/users/scim-users";
import { parseBearer, type DigestKeySource } from "@/lib/tokens/token-format";

export type ScimEndpointKind = "discovery" | "resource";

export interface ScimCtx extends Ctx {
  db: Db;
  token: ScimTokenRow;
  settings: ScimSettingsRow;
  baseUrl: string;
  /** The SCIM user the URL names, read with the request's authentication (see withScimToken). */
  preloadedUser?: PreloadedUser;
}

export type ScimHandler = (req: NextRequest, ctx: ScimCtx, segments: string[]) => Promise<Response>;

/** 20 failed authentications per minute per client address, then 429. */
export const SCIM_AUTH_FAILURE_LIMIT = { perMinute: 20 };

export interface ScimCredentials {
  authorization: string | null;
  /** A token was offered in the query string (always refused). */
  tokenInQuery: boolean;
  clientAddress: string | null;
}

async function refuseAuthentication(db: Db, credentials: ScimCredentials, message: string): Promise<never> {
  const { perMinute } = SCIM_AUTH_FAILURE_LIMIT;
  const key = `scim-auth-failure:${credentials.clientAddress ?? "unknown"}`;
  const bucket = await takeTokens(db, { key, rate: perMinute / 60, burst: perMinute });
  if (!bucket.allowed) {
    throw new AppError("rate_limited", "Too many failed authentication attempts", { retryAfter: bucket.retryAfter });
  }
  throw new AppError("unauthorized", message);
}

/**
 * The gate's decision, framework-free: the authenticated token and SCIM settings, or an
 * AppError (401, 429, 403) in the order SPEC §14 sets.
 */
export async function authorizeScimRequest(
  db: Db,
  keys: DigestKeySource,
  credentials: ScimCredentials,
  kind: ScimEndpointKind,
  now: Date,
  budget: { rate: number; burst: number },
  read?: { userId: string },
) {
  if (credentials.tokenInQuery) {
    return refuseAuthentication(db, credentials, "Tokens in the query string are not accepted; send an Authorization: Bearer header");
  }
  const raw = parseBearer(credentials.authorization);
  if (!raw) return refuseAuthentication(db, credentials, "Authorization: Bearer <SCIM token> is required");
  if (kind === "discovery") {
    const hit = await authenticateScimToken(db, keys, raw, now);
    if (!hit) return refuseAuthentication(db, credentials, "The SCIM token is invalid, expired or revoked");
    return hit;
  }
  // Users and Groups: the site-wide budget, from this process's lease or debited in the same
  // statement that checks the token (SPEC §12: one statement of fixed overhead).
  const bucket = { key: "scim-site", ...budget };
  const leased = takeLeased(bucket, now.getTime());
  const hit = await authenticateScimToken(db, keys, raw, now, leased ? undefined : { bucket, upTo: leaseSize(bucket) }, read);
  if (!hit) {
    if (leased) returnLeased(bucket);
    return refuseAuthentication(db, credentials, "The SCIM token is invalid, expired or revoked");
  }
  if (!leased) {
    if (!hit.bucket?.allowed) {
      throw new AppError("rate_limited", "Too many SCIM requests; retry after the time in Retry-After", { retryAfter: hit.bucket?.retryAfter ?? 1, tokenId: hit.token.id });
    }
    addLease(bucket, hit.bucket.taken - 1, now.getTime());
  }
  const state = scimState(hit.settings);
  if (state !== "enabled") throw new AppError("forbidden", `SCIM provisioning is ${state}`, { tokenId: hit.token.id });
  return hit;
}

export interface RequestTiming {
  requestId: string;
  startedAt: Date;
  startedPerf: number;
}

export const startTiming = (): RequestTiming => ({ requestId: newRequestId(), startedAt: new Date(), startedPerf: performance.now() });

/** Queues the activity row of a finished /scim/v2 request (written in batches, off the request path). */
export async function recordScimActivity(
  req: Request,
  res: Response,
  timing: RequestTiming,
  tokenId: string | null,
  conflictsWith?: AppErrorDetails["conflictsWith"],
) {
  const url = new URL(req.url);
  let scimType: string | null = null;
  if (res.status >= 400 && res.headers.get("content-type")?.startsWith("application/scim+json")) {
    scimType = ((await res.clone().json().catch(() => ({}))) as { scimType?: string }).scimType ?? null;
  }
  // A create names its new resource in Location, so its row links to it too; a create that
  // collided names the resource it collided with ("Entra got 409 on user X", SPEC §9).
  const created = res.status === 201 ? res.headers.get("location") : null;
  const addressed = resourceOf(created ? new URL(created) : url);
  const row = {
    occurredAt: timing.startedAt,
    method: req.method,
    path: sanitizeScimPath(url),
    ...(addressed.resourceId === null && conflictsWith ? conflictsWith : addressed),
    status: res.status,
    scimType,
    durationMs: Math.max(0, Math.round(performance.now() - timing.startedPerf)),
    tokenId,
    requestId: timing.requestId,
  };
  logScimRequest(getDb, row);
  log.debug("scim request", { requestId: row.requestId, method: row.method, path: row.path, status: row.status, durationMs: row.durationMs, tokenId });
}

/**
 * A /scim/v2 handler behind the gate. `userIdOf` names the SCIM user a request is about, from its
 * path segments (a uuid, or undefined): that user is read in the gate's statement and handed to
 * the handler as `ctx.preloadedUser`.
 */
export function withScimToken(kind: ScimEndpointKind, handler: ScimHandler, userIdOf?: (segments: string[]) => string | undefined) {
  return async (req: NextRequest, segments: string[]) => {
    const timing = startTiming();
    const { requestId } = timing;
    let tokenId: string | null = null;
    let conflictsWith: AppErrorDetails["conflictsWith"];
    const res = await run();
    await recordScimActivity(req, res, timing, tokenId, conflictsWith);
    return res;

    async function run(): Promise<Response> {
    try {
      const db = await getDb();
      const now = timing.startedAt;
      const e = env();
      const credentials: ScimCredentials = {
        authorization: req.headers.get("authorization"),
        tokenInQuery: new URL(req.url).searchParams.has("access_token"),
        clientAddress: clientAddress(req.headers, e.ROSTER_TRUSTED_PROXY_HOPS),
      };
      const budget = { rate: e.ROSTER_SCIM_RATE_LIMIT, burst: e.ROSTER_SCIM_RATE_BURST };
      const userId = userIdOf?.(segments);
      const hit = await authorizeScimRequest(db, e, credentials, kind, now, budget, userId ? { userId } : undefined);
      const { token, settings } = hit;
      tokenId = token.id;
      // Outside any transaction, off the critical path.
      void touchScimToken(db, token.id, now).catch((error) => log.warn("could not record SCIM token use", { requestId, error }));
      const ctx: ScimCtx = { db, token, settings, now, requestId, actor: { type: "scim-token", id: token.id }, baseUrl: scimBaseUrl(req) };
      if (userId && hit.user !== undefined) ctx.preloadedUser = { id: userId, row: hit.user };
      const res = await handler(req, ctx, segments);
      res.headers.set("X-Request-Id", requestId);
      return res;
    } catch (e) {
      if (isAppError(e) && e.details.tokenId) tokenId = e.details.tokenId;
      if (isAppError(e)) conflictsWith = e.details.conflictsWith;
      return toScimError(requestId, e);
    }
    }
  };
}
