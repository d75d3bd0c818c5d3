import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The JS schema engine runs migrations through the same SQLite driver as the app, so the
// Prisma CLI needs no native engine download (none is possible on our machines).
// The schema's datasource reads DATABASE_URL, so give it the app's default when unset.
process.env.DATABASE_URL ??= "file:./data/yishi.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL as string });
  },
});
