// npm run db:migrate — applies the committed migrations to the configured database.
import { openCliDb } from "./cli-db";

const handle = await openCliDb();
await handle.close();
process.stdout.write(`migrations applied (${handle.driver})\n`);
