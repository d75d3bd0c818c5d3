/**
 * A throwaway PostgreSQL database with the store's schema, for the benches: created on the server of `baseUrl`
 * and migrated as the bot migrates one on start (prisma/postgres/migrations, src/store/migratePostgres.ts).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "../../src/store/migrate.ts";

/** Creates a database named after `prefix` on the server of `baseUrl` with the schema applied; drop() removes it. */
export async function scratchPostgresDatabase(baseUrl: string, prefix = "yishi_scratch"): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = baseUrl.replace(/\/+$/, "");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await asAdmin(base, `CREATE DATABASE "${name}"`);
  const url = `${base}/${name}`;
  await applyMigrations(url);
  return { url, drop: () => asAdmin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function asAdmin(base: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
