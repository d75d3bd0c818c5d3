/**
 * A new migration for both databases, from the models' change in prisma/schema.prisma:
 *   npm run db:migration -- <name>          e.g. npm run db:migration -- ticket_priority
 * Writes prisma/postgres/schema.prisma, then prisma/migrations/<UTC time>_<name>/migration.sql (SQLite) and
 * prisma/postgres/migrations/<same>/migration.sql, each what `prisma migrate diff --from-migrations` finds
 * between the folder's migrations and its schema. PostgreSQL's shadow database needs a server: DATABASE_URL
 * when it is postgresql://, else TEST_DATABASE_URL_BASE, else a throwaway cluster started for the run.
 * Review both files; a data migration or a trigger is written by hand in each (see README, "PostgreSQL").
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { startCluster, stopCluster, type PgCluster } from "./pgCluster.ts";
import { POSTGRES_SCHEMA, postgresSchemaFrom, projectRoot, readSqliteSchema } from "./postgresSchema.ts";
import { isPostgresUrl } from "../../src/store/postgresConfig.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in lower_snake_case>");
  process.exit(2);
}

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folderName = `${stamp}_${name}`;

/** The SQL that brings a migrations folder to its schema ("" when there is nothing to do). */
function pendingSql(migrations: string, schema: string, databaseUrl: string): string {
  const sql = execFileSync(process.execPath, [prismaCli, "migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return /^-- This is an empty migration\.\s*$/.test(sql.trim()) || sql.trim() === "" ? "" : sql;
}

function write(migrationsDir: string, sql: string): void {
  if (!sql) {
    console.log(`${path.relative(projectRoot, migrationsDir)}: nothing to migrate`);
    return;
  }
  const dir = path.join(migrationsDir, folderName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(projectRoot, path.join(dir, "migration.sql"))}`);
}

writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(readSqliteSchema()));

const scratch = mkdtempSync(path.join(tmpdir(), "yishi-migration-"));
let cluster: PgCluster | undefined;
try {
  const sqliteSql = pendingSql("prisma/migrations", "prisma/schema.prisma", `file:${path.join(scratch, "unused.db")}`);
  const databaseUrl = process.env.DATABASE_URL ?? "";
  const postgresUrl = isPostgresUrl(databaseUrl)
    ? databaseUrl
    : `${process.env.TEST_DATABASE_URL_BASE?.replace(/\/+$/, "") || (cluster = await startCluster()).urlBase}/postgres`;
  const postgresSql = pendingSql("prisma/postgres/migrations", "prisma/postgres/schema.prisma", postgresUrl);
  write(path.join(projectRoot, "prisma", "migrations"), sqliteSql);
  write(path.join(projectRoot, "prisma", "postgres", "migrations"), postgresSql);
} finally {
  if (cluster) stopCluster(cluster);
  rmSync(scratch, { recursive: true, force: true });
}
