import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    env: { ROSTER_LOG_LEVEL: "silent", ROSTER_TEST_HOOKS: "1" },
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        // Each file gets a fresh migrated database: in-memory PGlite, or a new PostgreSQL
        // database when DATABASE_URL is set.
        test: { name: "db", include: ["tests/db/**/*.test.ts"], environment: "node", testTimeout: 30_000, hookTimeout: 60_000 },
      },
    ],
  },
});
