import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import { ensureDatabaseDirectory, openDatabase, sqliteFilePath, type Database } from "./database.ts";
import { applyPostgresMigrations } from "./migratePostgres.ts";
import { isPostgresUrl } from "./postgresConfig.ts";

const run = promisify(execFile);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** One migrations folder per provider; prisma.config.ts picks the same by DATABASE_URL's scheme. */
export const SQLITE_MIGRATIONS_DIR = path.join(projectRoot, "prisma", "migrations");
export const POSTGRES_MIGRATIONS_DIR = path.join(projectRoot, "prisma", "postgres", "migrations");

/** The names of the migrations for the database's provider (SQLite when no URL is given), in order. */
export function migrationNames(databaseUrl = "file:"): string[] {
  return migrationsIn(isPostgresUrl(databaseUrl) ? POSTGRES_MIGRATIONS_DIR : SQLITE_MIGRATIONS_DIR);
}

/** The names of the migrations for an open database's provider, in order. */
export function migrationNamesOf(db: Database): string[] {
  return migrationsIn(db.dialect === "postgres" ? POSTGRES_MIGRATIONS_DIR : SQLITE_MIGRATIONS_DIR);
}

function migrationsIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The migrations Prisma recorded as applied (its `_prisma_migrations` table, the same on both databases). */
export async function appliedMigrationNames(db: Database): Promise<Set<string>> {
  const { rows } = await sql<{ migration_name: string }>`
    SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`.execute(db.query);
  return new Set(rows.map((row) => row.migration_name));
}

/** The migrations for the database's provider that it has not finished applying. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const wanted = migrationNames(databaseUrl);
  if (!isPostgresUrl(databaseUrl) && !existsSync(sqliteFilePath(databaseUrl))) return wanted;
  let applied = new Set<string>();
  const db = openDatabase(databaseUrl);
  try {
    applied = await appliedMigrationNames(db);
  } catch {
    // No database yet, or no migrations table: everything is pending.
  } finally {
    await db.close();
  }
  return wanted.filter((name) => !applied.has(name));
}

/**
 * Applies pending migrations at start.
 * - SQLite: Prisma's own `migrate deploy`, so the database a newcomer starts with and the one an operator
 *   upgrades go through the same path. An up-to-date database is left alone: a job run beside the server must
 *   not contend with it for the file.
 * - PostgreSQL: our migrator (migratePostgres.ts), chosen by measurement over `migrate deploy` (README,
 *   "PostgreSQL"): in process, one transaction per migration, under Prisma's advisory lock, recorded as Prisma does.
 */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  if (isPostgresUrl(databaseUrl)) {
    await applyPostgresMigrations(databaseUrl, POSTGRES_MIGRATIONS_DIR);
    return;
  }
  ensureDatabaseDirectory(databaseUrl);
  if ((await pendingMigrations(databaseUrl)).length === 0) return;
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  try {
    await run(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`数据库迁移失败：${(output.stderr || output.stdout || output.message).trim()}`);
  }
}
