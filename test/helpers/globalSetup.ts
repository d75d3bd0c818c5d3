import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startCluster, stopCluster, type PgCluster } from "../../scripts/db/pgCluster.ts";
import { reusedDatabasesOf } from "./postgresReuse.ts";
import { applyMigrations } from "../../src/store/migrate.ts";
import { openDatabase } from "../../src/store/database.ts";
import { seedDemo } from "../../src/platforms/sandbox/demoSeed.ts";

/**
 * Migrates one template database per test project, once, and a second one with the demo organisation seeded
 * (seedDemo); each test copies one of them (testDatabase.ts). Seeding once here instead of in every test saves
 * about 34 inserts per test, each a commit with its NOTIFY trigger on PostgreSQL.
 * - project "sqlite": a SQLite file migrated with the real `prisma migrate deploy`, and a seeded copy.
 * - project "postgres": databases `tmpl_<pid>` and `tmpl_<pid>_seeded` on TEST_DATABASE_URL_BASE
 *   (postgresql://user@host:port) when set, otherwise on a throwaway cluster started here (scripts/db/pgCluster.ts:
 *   time zone Asia/Shanghai on purpose) and stopped when the run ends.
 */
export default async function setup(project: TestProject) {
  return project.name === "postgres" ? setupPostgres(project) : setupSqlite(project);
}

async function setupSqlite(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-template-"));
  const file = path.join(dir, "template.db");
  await applyMigrations(`file:${file}`);
  const seeded = path.join(dir, "seeded.db");
  copyFileSync(file, seeded);
  await seed(`file:${seeded}`);
  project.provide("databaseDialect", "sqlite");
  project.provide("templateDatabase", file);
  project.provide("seededTemplateDatabase", seeded);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject) {
  let cluster: PgCluster | undefined;
  const urlBase = process.env.TEST_DATABASE_URL_BASE?.replace(/\/+$/, "") || (cluster = await startCluster()).urlBase;
  const template = `tmpl_${process.pid}`;
  const seeded = `${template}_seeded`;
  await asAdmin(urlBase, [
    `DROP DATABASE IF EXISTS "${seeded}" WITH (FORCE)`,
    `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`,
    `CREATE DATABASE "${template}"`,
  ]);
  await applyMigrations(`${urlBase}/${template}`);
  await asAdmin(urlBase, [`CREATE DATABASE "${seeded}" TEMPLATE "${template}"`]);
  await seed(`${urlBase}/${seeded}`);
  project.provide("databaseDialect", "postgres");
  project.provide("postgresUrlBase", urlBase);
  project.provide("templateDatabase", template);
  project.provide("seededTemplateDatabase", seeded);
  return async () => {
    // The databases the workers kept for reuse (test/helpers/postgresReuse.ts), named after the templates.
    const kept = await queryAdmin(urlBase, `SELECT datname FROM pg_database WHERE datname LIKE '${reusedDatabasesOf(template)}'`);
    await asAdmin(
      urlBase,
      kept.map((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    );
    if (cluster) {
      stopCluster(cluster);
      return;
    }
    await asAdmin(urlBase, [`DROP DATABASE IF EXISTS "${seeded}" WITH (FORCE)`, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`]);
  };
}

/** The demo organisation, written into a migrated database that then serves as a template (closed after). */
async function seed(url: string): Promise<void> {
  const db = openDatabase(url);
  try {
    await seedDemo(db);
  } finally {
    await db.close();
  }
}

async function queryAdmin(urlBase: string, sql: string): Promise<string[]> {
  const admin = new pg.Client({ connectionString: `${urlBase}/postgres` });
  await admin.connect();
  try {
    return (await admin.query<{ datname: string }>(sql)).rows.map((row) => row.datname);
  } finally {
    await admin.end();
  }
}

async function asAdmin(urlBase: string, statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: `${urlBase}/postgres` });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseDialect: "sqlite" | "postgres";
    /** SQLite: the template file; PostgreSQL: the template database's name on postgresUrlBase. */
    templateDatabase: string;
    /** The same with the demo organisation seeded (seedDemo): what a test gets unless it asks for `seed: false`. */
    seededTemplateDatabase: string;
    /** PostgreSQL only: postgresql://user@host:port, without a database. */
    postgresUrlBase: string;
  }
}
