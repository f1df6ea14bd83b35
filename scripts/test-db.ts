// Creates or drops a throw-away database on the server of DATABASE_URL (tests only).
//   tsx scripts/test-db.ts create NAME   → prints the new database's URL
//   tsx scripts/test-db.ts drop NAME
import postgres from "postgres";

const [command, name] = process.argv.slice(2);
const base = process.env.BASE_DATABASE_URL ?? process.env.DATABASE_URL;
if (!base || !name || !/^[a-z0-9_]+$/.test(name) || (command !== "create" && command !== "drop")) {
  process.stderr.write("usage: DATABASE_URL=… tsx scripts/test-db.ts create|drop NAME\n");
  process.exit(64);
}
const sql = postgres(base, { max: 1, onnotice: () => {} });
try {
  if (command === "create") {
    await sql.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    process.stdout.write(url.toString() + "\n");
  } else {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
  }
} finally {
  await sql.end();
}
