import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDatabase, tuneDatabase, type Database, type OpenOptions } from "../../src/store/database.ts";
import { seedDemo } from "../../src/platforms/sandbox/demoSeed.ts";
import { scratchPostgresDatabase } from "../../scripts/db/scratchPostgres.ts";

export interface TestDatabase {
  db: Database;
  url: string;
  close: () => Promise<void>;
}

/**
 * A fresh, migrated SQLite file in a temporary folder, with the demo organisation seeded; with
 * TEST_DATABASE_URL_BASE set (postgresql://user@host:port), a fresh PostgreSQL database on that server instead.
 */
export async function createTestDatabase(options: { seed?: boolean; open?: OpenOptions } = {}): Promise<TestDatabase> {
  const postgresBase = process.env.TEST_DATABASE_URL_BASE;
  if (postgresBase) {
    const scratch = await scratchPostgresDatabase(postgresBase, "yishi_test");
    const db = openDatabase(scratch.url, options.open);
    if (options.seed ?? true) await seedDemo(db);
    return {
      db,
      url: scratch.url,
      close: async () => {
        await db.close();
        await scratch.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-test-"));
  const file = path.join(dir, "test.db");
  copyFileSync(inject("templateDatabase"), file);
  const url = `file:${file}`;
  const db = openDatabase(url, options.open);
  await tuneDatabase(db);
  if (options.seed ?? true) await seedDemo(db);
  return {
    db,
    url,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Another connection to an existing test database, as a second process would open it; closing it leaves the file. */
export async function joinTestDatabase(existing: TestDatabase): Promise<TestDatabase> {
  const db = openDatabase(existing.url);
  await tuneDatabase(db);
  return { db, url: existing.url, close: () => db.close() };
}
