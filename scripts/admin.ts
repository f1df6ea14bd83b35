// npm run admin -- create --email E --password P [--api-token]
//   Creates a non-SSO site admin and prints {"userId":…,"token":…} (token only with --api-token).
// npm run admin -- setup-code
//   Prints the one-time code /setup asks for.
import { parseArgs } from "node:util";
import { openCliDb } from "./cli-db";
import { createLocalUser } from "../lib/admin/users/create-local-user";
import { createUserApiToken } from "../lib/tokens/user-api-tokens";
import { setupCode } from "../lib/admin/setup/setup-code";
import { env } from "../lib/env";
import { systemActor } from "../lib/context";
import { isAppError } from "../lib/errors";
import { newRequestId } from "../lib/http/request-id";

const USAGE = `usage:
  npm run admin -- create --email EMAIL --password PASSWORD [--api-token]
  npm run admin -- setup-code`;

function fail(message: string, code = 1): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

const [command, ...rest] = process.argv.slice(2);

if (command === "setup-code") {
  process.stdout.write(setupCode(env().AUTH_SECRET) + "\n");
  process.exit(0);
}
if (command !== "create") fail(USAGE, 64);

let values: { email?: string; password?: string; "api-token"?: boolean };
try {
  ({ values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, password: { type: "string" }, "api-token": { type: "boolean" } },
    strict: true,
  }));
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`, 64);
}
if (!values.email || !values.password) fail(`--email and --password are required\n${USAGE}`, 64);

const handle = await openCliDb();
try {
  const now = new Date();
  const ctx = { db: handle.db, actor: systemActor, now, requestId: newRequestId() };
  const user = await createLocalUser(ctx, { email: values.email, password: values.password, isSiteAdmin: true });
  let token: string | undefined;
  if (values["api-token"]) {
    const created = await createUserApiToken(
      { ...ctx, actor: { type: "user", id: user.id }, requestId: newRequestId() },
      env(),
      { userId: user.id, description: "Created by npm run admin" },
    );
    token = created.secret;
  }
  process.stdout.write(JSON.stringify(token ? { userId: user.id, token } : { userId: user.id }) + "\n");
} catch (e) {
  if (isAppError(e)) fail(e.message);
  throw e;
} finally {
  await handle.close();
}
