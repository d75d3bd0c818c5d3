import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { applyMigrations, migrationNames, POSTGRES_MIGRATIONS_DIR } from "../../src/store/migrate.ts";
import { applyPostgresMigrations } from "../../src/store/migratePostgres.ts";
import { postgresClientConfig } from "../../src/store/postgresConfig.ts";
import { createPostgresDatabase } from "../helpers/testDatabase.ts";

const run = promisify(execFile);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(): Promise<string> {
  const database = await createPostgresDatabase({ empty: true });
  cleanups.push(database.drop);
  return database.url;
}

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client(postgresClientConfig(url));
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A migrations folder of our own: { name: sql }. */
function migrationsFolder(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-migrations-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const tableNames = async (url: string) =>
  (await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((row) => row.tablename);

describe("PostgreSQL migrations at start", () => {
  it("applies prisma/postgres/migrations to an empty database, recorded so that prisma migrate status agrees", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const recorded = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT "migration_name", "checksum", "finished_at", "applied_steps_count" FROM "_prisma_migrations" ORDER BY "migration_name"`,
    );
    expect(recorded.map((row) => row.migration_name)).toEqual(migrationNames(url));
    expect(recorded.every((row) => row.finished_at !== null && row.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
    expect(await tableNames(url)).toEqual(expect.arrayContaining(["Ticket", "BotPost", "OrgRevision", "_prisma_migrations"]));

    const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
    const status = await run(process.execPath, [prismaCli, "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    expect(status.stdout).toContain("Database schema is up to date");

    expect(await applyPostgresMigrations(url, POSTGRES_MIGRATIONS_DIR)).toEqual([]);
  }, 60_000);

  it("agrees with prisma migrate deploy, which operators may still run by hand (npm run db:migrate)", async () => {
    const url = await emptyDatabase();
    const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
    const deploy = await run(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    expect(deploy.stdout).toContain("All migrations have been successfully applied");
    // The baseline's plpgsql trigger function arrived whole (adapter-pg alone splits it on every ";").
    expect(await query(url, `SELECT "proname" FROM pg_proc WHERE "proname" = 'org_revision_bump'`)).toEqual([{ proname: "org_revision_bump" }]);
    expect(await applyPostgresMigrations(url, POSTGRES_MIGRATIONS_DIR)).toEqual([]);
  }, 90_000);

  it("leaves nothing of a migration that fails, and applies it once it is fixed", async () => {
    const url = await emptyDatabase();
    const good = { "001_first": 'CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);' };
    const broken = migrationsFolder({
      ...good,
      "002_second": 'CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "First" VALUES (1);\nSELECT 1 / 0;',
    });
    await expect(applyPostgresMigrations(url, broken)).rejects.toThrow(/数据库迁移失败：002_second：division by zero/);
    expect(await tableNames(url)).toEqual(["First", "_prisma_migrations"]);
    expect(await query(url, 'SELECT * FROM "First"')).toEqual([]);
    expect((await query<{ migration_name: string }>(url, 'SELECT "migration_name" FROM "_prisma_migrations"')).map((row) => row.migration_name)).toEqual([
      "001_first",
    ]);

    const fixed = migrationsFolder({ ...good, "002_second": 'CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "First" VALUES (1);' });
    expect(await applyPostgresMigrations(url, fixed)).toEqual(["002_second"]);
    expect(await tableNames(url)).toEqual(["First", "Second", "_prisma_migrations"]);
  });

  it("applies each migration once when several instances start together", async () => {
    const url = await emptyDatabase();
    // A slow first statement widens the window in which unlocked migrators would both see it pending.
    const folder = migrationsFolder({
      "001_slow": 'SELECT pg_sleep(0.3);\nCREATE TABLE "Once" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "Once" VALUES (1);',
      "002_next": 'INSERT INTO "Once" VALUES (2);',
    });
    const results = await Promise.all([1, 2, 3, 4].map(() => applyPostgresMigrations(url, folder)));
    expect(results.flat().sort()).toEqual(["001_slow", "002_next"]);
    expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
    expect(await query(url, 'SELECT "id" FROM "Once" ORDER BY "id"')).toEqual([{ id: 1 }, { id: 2 }]);
    const recorded = await query<{ migration_name: string }>(url, 'SELECT "migration_name" FROM "_prisma_migrations" ORDER BY "migration_name"');
    expect(recorded.map((row) => row.migration_name)).toEqual(["001_slow", "002_next"]);
  });

  it("says in one line that the database cannot be reached, without the password", async () => {
    const missing = `${inject("postgresUrlBase").replace("postgres@", "postgres:hunter2-secret@")}/yishi_missing_database`;
    const failure = applyPostgresMigrations(missing, POSTGRES_MIGRATIONS_DIR);
    await expect(failure).rejects.toThrow(/^数据库迁移失败：无法连接 PostgreSQL（.*yishi_missing_database/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it("refuses to go on past a migration that prisma migrate deploy left unfinished", async () => {
    const url = await emptyDatabase();
    const folder = migrationsFolder({ "001_first": 'CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);' });
    await applyPostgresMigrations(url, migrationsFolder({}));
    await query(url, `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ('x', 'x', '000_half_done')`);
    await expect(applyPostgresMigrations(url, folder)).rejects.toThrow(/000_half_done 上次未完成/);
    expect(await tableNames(url)).toEqual(["_prisma_migrations"]);
  });
});

const PENDING_POINTS = "20261206232304_pending_points_and_hand_over";

/** A folder with every PostgreSQL migration before `name`, as the repository has them. */
function migrationsBefore(name: string): string {
  const names = readdirSync(POSTGRES_MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const index = names.indexOf(name);
  expect(index).toBeGreaterThan(0);
  return migrationsFolder(
    Object.fromEntries(names.slice(0, index).map((earlier) => [earlier, readFileSync(path.join(POSTGRES_MIGRATIONS_DIR, earlier, "migration.sql"), "utf8")])),
  );
}

describe("the migration that makes 签到 points wait for their meeting, on PostgreSQL", () => {
  it("reads each 签到 entry's meeting from its dedupe key and leaves every other entry without one", async () => {
    const url = await emptyDatabase();
    await applyPostgresMigrations(url, migrationsBefore(PENDING_POINTS));
    await query(
      url,
      `INSERT INTO "PointEntry" ("memberId", "unitId", "points", "kind", "reason", "ticketNumber", "dedupeKey", "at") VALUES
        ('m-zhang', 'xq', 3, 'meeting_attended', '', NULL, 'meeting_attended:7:m-zhang', now()),
        ('m-zhang', 'xq', -3, 'meeting_cancelled', '', NULL, 'meeting_cancelled:12:m-zhang', now()),
        ('m-li', 'xq', 3, 'meeting_attended', '', NULL, 'meeting_attended:123:m-li', now()),
        ('m-zhang', 'xq', 2, 'report_accepted', '', 7, 'report_accepted:7', now()),
        ('m-li', 'xq', 5, 'award', '', NULL, NULL, now())`,
    );
    expect(await applyPostgresMigrations(url, POSTGRES_MIGRATIONS_DIR)).toContain(PENDING_POINTS);
    expect(await query(url, `SELECT "kind", "meetingNumber" FROM "PointEntry" ORDER BY "id"`)).toEqual([
      { kind: "meeting_attended", meetingNumber: 7 },
      { kind: "meeting_cancelled", meetingNumber: 12 },
      { kind: "meeting_attended", meetingNumber: 123 },
      { kind: "report_accepted", meetingNumber: null },
      { kind: "award", meetingNumber: null },
    ]);
  });
});
