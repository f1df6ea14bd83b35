import { getDb, getDbHandle } from "@/lib/db";
import { ConfigError, env } from "@/lib/env";
import { isSetupOpen } from "@/lib/admin/setup/complete-setup";
import { setupCode } from "@/lib/admin/setup/setup-code";
import { log } from "@/lib/log";

/** Server start: refuse to run misconfigured, migrate, and print the setup code while needed. */
export async function announceStart() {
  let e;
  try {
    e = env();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`roster: refusing to start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const handle = await getDbHandle();
  log.info("database ready", { driver: handle.driver, migrated: true });
  if (await isSetupOpen(await getDb())) {
    log.info("no site admin yet: open /setup and enter the setup code", { setupCode: setupCode(e.AUTH_SECRET) });
  }
}
