import path from "node:path";
import { defineConfig } from "prisma/config";
import { prismaPostgresAdapter } from "./prisma/postgresAdapter.ts";
import { prismaSqliteAdapter } from "./prisma/sqliteAdapter.ts";
import { isPostgresUrl } from "./src/store/postgresConfig.ts";

// The JS schema engine runs migrations through the same drivers as the app, so the Prisma CLI needs no native
// engine download (none is possible on our machines). DATABASE_URL's scheme picks the provider: one schema and
// one migrations folder per provider (prisma/ for SQLite, prisma/postgres/ for PostgreSQL, written from the
// SQLite schema by `npm run db:postgres-schema`).
// The schema's datasource reads DATABASE_URL, so give it the app's default when unset.
process.env.DATABASE_URL ??= "file:./data/yishi.db";
const databaseUrl = process.env.DATABASE_URL;
const onPostgres = isPostgresUrl(databaseUrl);
const folder = onPostgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    return onPostgres ? prismaPostgresAdapter(databaseUrl) : prismaSqliteAdapter(databaseUrl);
  },
});
