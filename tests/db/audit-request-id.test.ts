// Finding audit events by the reference a user is shown (the request id, SPEC §14: X-Request-Id):
// `filter[request-id]` matches exactly, is indexed, and an over-long value is a 400 naming the
// parameter.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { listAuditEvents, parseAuditFilters } from "@/lib/audit/audit-queries";
import { suspendUser, unsuspendUser } from "@/lib/admin/users/user-admin";
import { AppError } from "@/lib/errors";
import { jsonApiDocument, paginationLinksAndMeta, parsePage, toJsonApiError } from "@/lib/http/jsonapi";
import { auditEventResource } from "@/lib/http/resources";
import { freshDb } from "../db";
import { ctxFor, makeUser } from "../factories";

const { db } = await freshDb();
const admin = await makeUser(db, { admin: true });
const adminCtx = (requestId?: string) => {
  const c = ctxFor(db, { type: "user", id: admin.id });
  return requestId ? { ...c, requestId } : c;
};

describe("audit events by request id", () => {
  it("returns exactly the events of that request, newest first; other ids, prefixes and longer ids do not match", async () => {
    const person = await makeUser(db);
    const ref = randomUUID();
    const other = randomUUID();
    await suspendUser(adminCtx(ref), person.id);
    await unsuspendUser(adminCtx(other), person.id);
    // Not what one request writes today, but the filter must return every event of the request.
    await db.insert(auditEvents).values([
      { action: "session.sign-in-failed", actorType: "user", actorId: person.id, outcome: "failure", requestId: ref, summary: { method: "saml" } },
      { action: "session.sign-in-failed", outcome: "failure", requestId: `${ref}-x`, summary: {} },
      { action: "session.sign-in-failed", outcome: "failure", requestId: ref.slice(0, 8), summary: {} },
    ]);
    const page = { number: 1, size: 20 };

    const hits = await listAuditEvents(db, { requestId: ref }, page);
    expect(hits.total).toBe(2);
    expect(hits.rows.map((r) => [r.action, r.requestId])).toEqual([
      ["session.sign-in-failed", ref],
      ["user.suspend", ref],
    ]);
    expect(hits.rows[1]).toMatchObject({ actorId: admin.id, targetId: person.id });

    const one = await listAuditEvents(db, { requestId: other }, page);
    expect(one.rows.map((r) => r.action)).toEqual(["user.unsuspend"]);
    // Combined with the other filters (AND).
    expect((await listAuditEvents(db, { requestId: ref, action: "user." }, page)).rows.map((r) => r.action)).toEqual(["user.suspend"]);
    expect((await listAuditEvents(db, { requestId: ref, target: "nobody" }, page)).total).toBe(0);
    expect((await listAuditEvents(db, { requestId: randomUUID() }, page)).total).toBe(0);
    expect((await listAuditEvents(db, { requestId: ref.toUpperCase() }, page)).total).toBe(0);
  });

  it("parses filter[request-id] (trimmed) and rejects a value over 100 characters with a 400 naming it", async () => {
    const ref = randomUUID();
    expect(parseAuditFilters(new URL(`http://x/api?filter[request-id]=%20${ref}%20`))).toMatchObject({ requestId: ref });
    expect(parseAuditFilters(new URL("http://x/api?filter[request-id]=")).requestId).toBeUndefined();
    expect(parseAuditFilters(new URL(`http://x/api?filter[request-id]=${"a".repeat(100)}`)).requestId).toHaveLength(100);
    let error: unknown;
    try {
      parseAuditFilters(new URL(`http://x/api?filter[request-id]=${"a".repeat(101)}`));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, details: { pointer: "filter[request-id]" } });
    expect((error as Error).message).toMatch(/filter\[request-id\]/);
  });

  it("the admin API's audit-events handler finds the event and answers an over-long value with a JSON:API 400", async () => {
    const person = await makeUser(db);
    const ref = randomUUID();
    await suspendUser(adminCtx(ref), person.id);
    // What GET /api/v2/admin/audit-events does once withAdmin let the caller in (the route
    // module itself needs Next.js's runtime; Playwright covers it over HTTP).
    const get = async (query: string) => {
      try {
        const url = new URL(`http://localhost/api/v2/admin/audit-events?${query}`);
        const page = parsePage(url);
        const { rows, total } = await listAuditEvents(db, parseAuditFilters(url), page);
        return jsonApiDocument("rid", rows.map(auditEventResource), paginationLinksAndMeta(url, page, total));
      } catch (e) {
        return toJsonApiError("rid", e);
      }
    };

    const res = await get(`filter[request-id]=${ref}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { type: string; attributes: Record<string, unknown> }[] };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ type: "audit-events", attributes: { action: "user.suspend", "request-id": ref, target: { id: person.id } } });

    const bad = await get(`filter[request-id]=${"0".repeat(101)}`);
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { errors: { status: string; detail: string; source?: { parameter?: string } }[] };
    expect(err.errors[0]).toMatchObject({ status: "400", source: { parameter: "filter[request-id]" } });
    expect(err.errors[0]!.detail).toMatch(/100 characters/);
  });

  it("is served by an index on audit_events.request_id", async () => {
    const rows = rowsOf<{ indexdef: string }>(
      await db.execute(sql`select indexdef from pg_indexes where tablename = 'audit_events' and indexname = 'audit_events_request_idx'`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.indexdef).toMatch(/\(request_id\)/);
  });
});
