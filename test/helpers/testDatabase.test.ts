import pg from "pg";
import { sql } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { createPostgresDatabase, createTestDatabase, settleDroppedDatabases } from "./testDatabase.ts";
import { startTestBot } from "./testBot.ts";
import { tables } from "./tables.ts";

/**
 * On PostgreSQL a test's database is one a previous test used, reset (postgresPool.ts); on SQLite a new copy.
 * The cases run in order: each odd one leaves something behind, the next shows that none of it reached it.
 */
const onPostgres = inject("databaseDialect") === "postgres";

/** Every row of every table, and on PostgreSQL every sequence's state, as one comparable text. */
async function contentOf(db: Database): Promise<string> {
  const names = (await db.query.introspection.getTables()).map((table) => table.name).sort();
  const content: Record<string, unknown> = {};
  for (const name of names) {
    const { rows } = await sql.raw(`SELECT * FROM "${name}"`).execute(db.query);
    content[name] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).sort();
  }
  if (onPostgres) {
    content.sequences = (await sql`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`.execute(db.query)).rows;
  }
  return JSON.stringify(content);
}

/** The same database as a test gets it, but certainly a new copy of the template. */
async function freshCopyContent(): Promise<string> {
  if (!onPostgres) {
    const fresh = await createTestDatabase();
    try {
      return await contentOf(fresh.db);
    } finally {
      await fresh.close();
    }
  }
  const fresh = await createPostgresDatabase({ template: inject("seededTemplateDatabase") });
  const db = openDatabase(fresh.url);
  try {
    return await contentOf(db);
  } finally {
    await db.close();
    await fresh.drop();
  }
}

const ADVISORY_KEY = 20_2026;
let previous: { url: string; ticketNumber: number; oid?: number; leftOpenPid?: number };

/** PostgreSQL: the database's own id, which stays when the pool renames it. */
async function oidOf(db: Database): Promise<number> {
  return (await sql<{ oid: number }>`SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()`.execute(db.query)).rows[0]!.oid;
}

/** PostgreSQL: the URL a database has now (the pool renames a database at each reset), or undefined once dropped. */
async function urlNow(oid: number): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: `${inject("postgresUrlBase")}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT datname AS name FROM pg_database WHERE oid = $1", [oid]);
    return rows[0] && `${inject("postgresUrlBase")}/${rows[0].name}`;
  } finally {
    await client.end();
  }
}

describe("a test's database", () => {
  it("is written to by a test that also leaves a connection open, listening and holding an advisory lock", async () => {
    const t = await startTestBot();
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const [ticket] = await tables(t.database.db).ticket.findMany();
    expect(ticket).toBeDefined();
    previous = { url: t.database.url, ticketNumber: ticket!.number };
    if (onPostgres) {
      const leftOpen = new pg.Client({ connectionString: t.database.url });
      // The reset ends this connection: its error is expected.
      leftOpen.on("error", () => undefined);
      await leftOpen.connect();
      await leftOpen.query("LISTEN org_revision");
      await leftOpen.query("SELECT pg_advisory_lock($1)", [ADVISORY_KEY]);
      previous.leftOpenPid = (await leftOpen.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      previous.oid = await oidOf(t.database.db);
    }
    await t.close();
  });

  it("is the next test's without any of it: the rows and sequences of a fresh copy, the same first ticket number, nothing connected or locked", async () => {
    await settleDroppedDatabases();
    const fresh = await freshCopyContent();
    if (onPostgres) {
      // The previous test's database, reset and on the shelf under a new name (the next test may get another
      // of the worker's): its old name leads nowhere, so nothing left running can write into it.
      const url = await urlNow(previous.oid!);
      expect(url).toBeDefined();
      expect(url).not.toBe(previous.url);
      const stale = new pg.Client({ connectionString: previous.url });
      await expect(stale.connect()).rejects.toThrow(/does not exist/);
      const db = openDatabase(url!);
      try {
        expect(await tables(db).ticket.count()).toBe(0);
        expect(await contentOf(db)).toBe(fresh);
        const { rows } = await sql<{ alive: number; advisory: number }>`SELECT
            (SELECT count(*) FROM pg_stat_activity WHERE pid = ${previous.leftOpenPid}) AS alive,
            (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = ${previous.oid}) AS advisory`.execute(db.query);
        expect(rows[0]).toEqual({ alive: 0, advisory: 0 });
      } finally {
        await db.close();
      }
    }
    const t = await startTestBot();
    expect(await tables(t.database.db).ticket.count()).toBe(0);
    expect(await contentOf(t.database.db)).toBe(fresh);
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    expect((await tables(t.database.db).ticket.findMany()).map((ticket) => ticket.number)).toEqual([previous.ticketNumber]);
    await t.close();
  });

  it("is changed in its schema by a test (a column added)", async () => {
    const database = await createTestDatabase();
    await sql`ALTER TABLE "Ticket" ADD COLUMN "leftBehind" INTEGER`.execute(database.db.query);
    previous = { url: database.url, ticketNumber: 0, ...(onPostgres ? { oid: await oidOf(database.db) } : {}) };
    await database.close();
  });

  it("is then another one, with the template's schema", async () => {
    const database = await createTestDatabase();
    // The changed database was dropped, not reset: a reset would not take the column away.
    if (onPostgres) {
      await settleDroppedDatabases();
      expect(await urlNow(previous.oid!)).toBeUndefined();
    }
    const columns = (await database.db.query.introspection.getTables()).find((table) => table.name === "Ticket")!.columns.map((column) => column.name);
    expect(columns).not.toContain("leftBehind");
    expect(columns).toContain("number");
    await database.close();
  });
});
