import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { NO_DATABASE } from "./noDatabaseText.ts";
import { asAdmin, settlePostgresDatabases, takePostgresDatabase } from "./postgresReuse.ts";
import { openDatabase, tuneDatabase, type Database, type OpenOptions } from "../../src/store/database.ts";

export interface TestDatabase {
  db: Database;
  url: string;
  /** A temporary folder of this database's own for the files that go with it (photos): the SQLite file's. */
  files: string;
  close: () => Promise<void>;
}

/**
 * A fresh, migrated database of the test project's dialect, with the demo organisation seeded unless `seed:
 * false`: on SQLite a copy of a template file in a temporary folder, on PostgreSQL one of the worker's databases
 * reset to the template's content on close (postgresReuse.ts; a new copy of the template when none is free). The templates are migrated, and one seeded, once per run (globalSetup.ts).
 */
export async function createTestDatabase(options: { seed?: boolean; open?: OpenOptions } = {}): Promise<TestDatabase> {
  if (!inject("databaseDialect")) throw new Error(NO_DATABASE);
  const files = mkdtempSync(path.join(tmpdir(), "yishi-test-"));
  const template = inject((options.seed ?? true) ? "seededTemplateDatabase" : "templateDatabase");
  const { url, drop } =
    inject("databaseDialect") === "postgres" ? await reusedPostgresDatabase(inject("postgresUrlBase"), template) : createSqliteFile(files, template);
  const db = openDatabase(url, options.open);
  await tuneDatabase(db);
  return {
    db,
    url,
    files,
    close: async () => {
      await db.close();
      // Nothing connects to the database any more: the next test need not wait for PostgreSQL to remove it
      // (settleDroppedDatabases, after each file, does).
      const dropping: Promise<void> = drop()
        .catch((error: unknown) => void dropFailures.push(error instanceof Error ? error : new Error(String(error))))
        .finally(() => dropsUnderway.delete(dropping));
      dropsUnderway.add(dropping);
      rmSync(files, { recursive: true, force: true });
    },
  };
}

/** Test databases closed but still being removed (PostgreSQL's DROP DATABASE), and the removals that failed. */
const dropsUnderway = new Set<Promise<void>>();
const dropFailures: Error[] = [];

/**
 * Waits for the databases closed in this file to be removed, failing with the first drop that failed: run
 * after each file (setup file test/helpers/databaseFile.ts), so a file leaves no database behind.
 */
export async function settleDroppedDatabases(): Promise<void> {
  await Promise.all(dropsUnderway);
  await settlePostgresDatabases();
  const [failure] = dropFailures.splice(0);
  if (failure !== undefined) throw failure;
}

/** Another connection to an existing test database, as a second process would open it; closing it leaves the database. */
export async function joinTestDatabase(existing: TestDatabase): Promise<TestDatabase> {
  const db = openDatabase(existing.url);
  await tuneDatabase(db);
  return { db, url: existing.url, files: existing.files, close: () => db.close() };
}

/** A copy of a template file in `dir` (removed with it). */
function createSqliteFile(dir: string, template: string): { url: string; drop: () => Promise<void> } {
  const file = path.join(dir, "test.db");
  copyFileSync(template, file);
  return { url: `file:${file}`, drop: () => Promise.resolve() };
}

let databasesMade = 0;

/**
 * A PostgreSQL database of its own (postgres project only): a copy of the migrated template (or of `template`,
 * a database name), or empty with `{ empty: true }`. `drop` removes it, closing whatever is still connected.
 */
export async function createPostgresDatabase(options: { empty?: boolean; template?: string } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const urlBase = inject("postgresUrlBase");
  const name = `t_${process.pid}_${++databasesMade}`;
  const source = options.empty ? "template0" : (options.template ?? inject("templateDatabase"));
  await asAdmin(urlBase, `CREATE DATABASE "${name}" TEMPLATE "${source}" STRATEGY FILE_COPY`);
  return { url: `${urlBase}/${name}`, drop: () => asAdmin(urlBase, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A worker's database reset for reuse (postgresReuse.ts), its reset started once the test has closed it. */
async function reusedPostgresDatabase(urlBase: string, template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { url, giveBack } = await takePostgresDatabase(urlBase, template);
  let givenBack = false;
  return {
    url,
    drop: () => {
      if (!givenBack) giveBack();
      givenBack = true;
      return Promise.resolve();
    },
  };
}
