import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { scimSettings } from "@/db/schema";

/** The SCIM singleton (created by the migrations). */
export async function readScimSettings(db: DbOrTx) {
  const [row] = await db.select().from(scimSettings).where(eq(scimSettings.id, "scim")).limit(1);
  return row ?? { id: "scim", enabled: false, paused: false, siteAdminGroupId: null, updatedAt: new Date(0) };
}
