import { getDb, getDbHandle } from "@/lib/db";
import { env } from "@/lib/env";
import { isSetupOpen } from "@/lib/admin/setup/complete-setup";
import { setupCode } from "@/lib/admin/setup/setup-code";
import { log } from "@/lib/log";

export async function announceStart() {
  const e = env();
  const handle = await getDbHandle();
  log.info("database ready", { driver: handle.driver, migrated: true });
  if (await isSetupOpen(await getDb())) {
    log.info("no site admin yet: open /setup and enter the setup code", { setupCode: setupCode(e.AUTH_SECRET) });
  }
}
