// The only reader of process.env. Parsed once with zod; everything else imports `env()`.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const boolish = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  ROSTER_DATA_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_TRUST_HOST: boolish,
  ROSTER_PUBLIC_URL: z.url().optional(),
  ROSTER_SCIM_RATE_LIMIT: z.coerce.number().positive().default(10),
  ROSTER_SCIM_RATE_BURST: z.coerce.number().positive().default(20),
  ROSTER_TOKEN_PEPPER: z.string().min(32).optional(),
  ROSTER_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  ROSTER_TEST_HOOKS: boolish,
  ROSTER_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  NEXT_RUNTIME: z.string().optional(),
  /** Set by `npm start`: Next.js leaves SIGTERM/SIGINT to lib/http/graceful-shutdown.ts. */
  NEXT_MANUAL_SIG_HANDLE: boolish,
});

export type Env = z.infer<typeof EnvSchema> & { AUTH_SECRET: string; dataDir: string };

let cached: Env | undefined;

export class ConfigError extends Error {}

/** Directory of the embedded database and the generated dev secret. */
function resolveDataDir(raw: string | undefined) {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw ?? ".data");
}

// In development a secret is generated once and kept beside the embedded database, so
// sessions and token digests survive restarts without any setup.
function devSecret(dataDir: string) {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = resolveDataDir(e.ROSTER_DATA_DIR);
  if (e.NODE_ENV === "production") {
    if (!e.AUTH_SECRET) {
      throw new ConfigError(
        "AUTH_SECRET is required in production. Generate one with `openssl rand -base64 32` and set it in the environment.",
      );
    }
    if (e.ROSTER_TEST_HOOKS) {
      throw new ConfigError("ROSTER_TEST_HOOKS must not be enabled in production.");
    }
  }
  const secret = e.AUTH_SECRET ?? devSecret(dataDir);
  cached = { ...e, AUTH_SECRET: secret, dataDir };
  // Auth.js reads AUTH_SECRET from process.env itself; hand it the generated dev secret.
  if (!process.env.AUTH_SECRET) process.env.AUTH_SECRET = secret;
  return cached;
}

/** For tests that change configuration between cases. */
export function resetEnvForTests() {
  cached = undefined;
}

export function isNodeRuntime() {
  return process.env.NEXT_RUNTIME !== "edge";
}
