import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and committed; they are applied at start-up and by
// `npm run db:migrate`, never by drizzle-kit against a live database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
