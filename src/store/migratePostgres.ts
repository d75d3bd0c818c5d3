import { randomUUID, createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { postgresClientConfig } from "./postgresConfig.ts";

/** The advisory lock `prisma migrate` itself takes on PostgreSQL: our migrator and Prisma's exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own table of applied migrations, created as the schema engine creates it on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

function migrationFolders(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Applies the migrations of a folder (prisma/postgres/migrations) that the database lacks, recording each in
 * `_prisma_migrations` as `prisma migrate deploy` does (same table, checksum = sha256 of the file), so `prisma
 * migrate status` and a later `migrate deploy` agree with it. Unlike Prisma's, each migration and its record
 * commit in one transaction: a migration that fails leaves nothing behind and is retried on the next start.
 * The whole run holds Prisma's migration advisory lock, so instances starting together apply each migration
 * once: the others wait, then find nothing pending. Returns the names it applied.
 */
export async function applyPostgresMigrations(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const client = new pg.Client(postgresClientConfig(databaseUrl));
  try {
    await client.connect();
  } catch (error) {
    // pg's message names the host or the database, never the password.
    throw new Error(`数据库迁移失败：无法连接 PostgreSQL（${(error as Error).message}）`);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<MigrationRow>(`SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`);
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      // Left by `prisma migrate deploy`, whose migrations are not transactional: someone must look first.
      throw new Error(`数据库迁移失败：迁移 ${failed.migration_name} 上次未完成，请检查数据库后用 prisma migrate resolve 标记`);
    }
    const applied = new Set(rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => row.migration_name));
    const done: string[] = [];
    for (const name of migrationFolders(migrationsDir)) {
      if (applied.has(name)) continue;
      const script = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        // The whole file as one simple-protocol query: plpgsql bodies stay whole, every statement in this transaction.
        await client.query(script);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "started_at", "applied_steps_count")
           VALUES ($1, $2, clock_timestamp(), $3, NULL, now(), 1)`,
          [randomUUID(), createHash("sha256").update(script).digest("hex"), name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`数据库迁移失败：${name}：${(error as Error).message}`);
      }
      done.push(name);
    }
    return done;
  } finally {
    // Ending the session releases the advisory lock.
    await client.end();
  }
}
