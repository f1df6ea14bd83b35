import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, E2E_AUTH_SECRET, E2E_BASE_URL, E2E_PORT } from "./e2e/env";

// The real app (production build, `next start`) on a real database: PGlite in E2E_DATA_DIR, or
// PostgreSQL when DATABASE_URL is set. scripts/test.sh prepares both and builds first.
const serverEnv: Record<string, string> = {
  AUTH_SECRET: E2E_AUTH_SECRET,
  ROSTER_LOG_LEVEL: "info",
  PORT: String(E2E_PORT),
  // The IdP cycles run faster than the default 10 requests/second; the budget itself is tested
  // in Vitest (tests/db/scim-gate.test.ts).
  ROSTER_SCIM_RATE_LIMIT: "1000",
  ROSTER_SCIM_RATE_BURST: "1000",
};
if (process.env.DATABASE_URL) serverEnv.DATABASE_URL = process.env.DATABASE_URL;
if (process.env.E2E_DATA_DIR) serverEnv.ROSTER_DATA_DIR = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 3,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results/artifacts",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "setup", testMatch: /setup\/.*\.setup\.ts$/ },
    { name: "api", testMatch: /api\/.*\.spec\.ts$/, testIgnore: /api\/scim-/, dependencies: ["setup"] },
    // SCIM and SAML settings are site-wide singletons: the specs that change them run one after
    // another — the API specs, then the UI's SCIM settings spec, then the UI project, in which only
    // ui/scim-sync.spec.ts touches them (each of the two UI specs is one serial block).
    { name: "scim-api", testMatch: /api\/scim-admin\.spec\.ts$/, dependencies: ["setup"] },
    // The IdP cycles, team sync and activity over the API: one file after the other.
    { name: "scim-provisioning", testMatch: /api\/scim-(provisioning|sync|activity)\.spec\.ts$/, dependencies: ["scim-api"], workers: 1 },
    // One worker: the file's second block (warning states) changes the same settings as its first.
    // ui/sso.spec.ts (SAML sign-in against a test IdP) runs after it on the same worker.
    { name: "scim-ui", testMatch: /ui\/(scim|sso)\.spec\.ts$/, dependencies: ["scim-provisioning"], workers: 1, use: { viewport: { width: 1280, height: 800 } } },
    {
      name: "ui",
      testMatch: /ui\/.*\.spec\.ts$/,
      testIgnore: /ui\/(scim|sso)\.spec\.ts$/,
      dependencies: ["scim-ui"],
      use: { viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: {
    // Exactly what production runs (`npm start`, with its heap limit and 65 s keep-alive), on the
    // test port. Suites keep API contexts open across tests, which the keep-alive also serves.
    command: `npm start --silent -- -p ${E2E_PORT} -H 127.0.0.1`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: serverEnv,
    stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
    stderr: "pipe",
  },
});
