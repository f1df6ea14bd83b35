import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";

// GET /api/health — database ping for load balancers
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1 from scim_settings where id = ${"scim"}`);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store, no-transform" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store, no-transform" } });
  }
}
