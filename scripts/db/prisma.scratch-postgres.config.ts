import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Only for scripts/db/scratchPostgres.ts: `prisma migrate diff` of the PostgreSQL datamodel with the JS
// schema engine (no engine download), which wants a PostgreSQL adapter: it connects to the server's
// `postgres` database (YISHI_SCRATCH_URL) and changes nothing there.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.YISHI_SCRATCH_SCHEMA!,
  adapter() {
    const url = new URL(process.env.YISHI_SCRATCH_URL!);
    return Promise.resolve(
      new PrismaPg({
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: "postgres",
      }),
    );
  },
});
