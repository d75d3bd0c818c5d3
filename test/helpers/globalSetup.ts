import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startCluster, stopCluster, type PgCluster } from "../../scripts/db/pgCluster.ts";
import { applyMigrations } from "../../src/store/migrate.ts";

/**
 * Migrates one template database per test project, once; each test copies it (testDatabase.ts).
 * - project "sqlite": a SQLite file migrated with the real `prisma migrate deploy`.
 * - project "postgres": a database `tmpl_<pid>` on TEST_DATABASE_URL_BASE (postgresql://user@host:port) when
 *   set, otherwise on a throwaway cluster started here (scripts/db/pgCluster.ts: time zone Asia/Shanghai on
 *   purpose) and stopped when the run ends.
 */
export default async function setup(project: TestProject) {
  return project.name === "postgres" ? setupPostgres(project) : setupSqlite(project);
}

async function setupSqlite(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-template-"));
  const file = path.join(dir, "template.db");
  await applyMigrations(`file:${file}`);
  project.provide("databaseDialect", "sqlite");
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject) {
  let cluster: PgCluster | undefined;
  const urlBase = process.env.TEST_DATABASE_URL_BASE?.replace(/\/+$/, "") || (cluster = await startCluster()).urlBase;
  const template = `tmpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${urlBase}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  await applyMigrations(`${urlBase}/${template}`);
  project.provide("databaseDialect", "postgres");
  project.provide("postgresUrlBase", urlBase);
  project.provide("templateDatabase", template);
  return async () => {
    if (cluster) {
      stopCluster(cluster);
      return;
    }
    const cleanup = new pg.Client({ connectionString: `${urlBase}/postgres` });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await cleanup.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseDialect: "sqlite" | "postgres";
    /** SQLite: the template file; PostgreSQL: the template database's name on postgresUrlBase. */
    templateDatabase: string;
    /** PostgreSQL only: postgresql://user@host:port, without a database. */
    postgresUrlBase: string;
  }
}
