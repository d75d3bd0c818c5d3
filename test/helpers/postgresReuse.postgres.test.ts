import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { fingerprint } from "./postgresReuse.ts";
import { tables } from "./tables.ts";
import { createPostgresDatabase, createTestDatabase, settleDroppedDatabases, type TestDatabase } from "./testDatabase.ts";

// A PostgreSQL test database is reused within a worker (postgresReuse.ts): once reset it must be what a fresh copy
// of the template is, rows, sequences, schema, triggers and settings alike.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined); // the reset ends connections left to a database given back
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

/** Everything a test could read of a database, as one object to compare. */
async function content(url: string) {
  const client = await connect(url);
  const names = (await client.query<{ name: string }>(`SELECT format('%I', tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map(
    (row) => row.name,
  );
  const rows: Record<string, unknown> = {};
  for (const name of names) rows[name] = (await client.query(`SELECT json_agg(t ORDER BY t::text) AS rows FROM ${name} t`)).rows[0].rows;
  const sequences = (await client.query(`SELECT sequencename, last_value FROM pg_sequences ORDER BY 1`)).rows;
  return { rows, sequences, schema: await fingerprint(client) };
}

async function oid(client: pg.Client): Promise<number> {
  return (await client.query<{ oid: number }>(`SELECT oid FROM pg_database WHERE datname = current_database()`)).rows[0]!.oid;
}

/** A test's work: rows in several tables (the organisation's revision trigger fires), ticket numbers taken. */
async function use(database: TestDatabase): Promise<void> {
  await tables(database.db).group.create({ data: { id: "g-used", name: "用过", kind: "residents", unitId: "xq-yangguang", platform: "wecom", chatId: "c" } });
  await tables(database.db).botPost.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      groupId: "g-used",
      text: `${i}`,
      kind: "notice",
      platform: "wecom",
      channel: "wecom_webhook",
      status: "sent",
      createdAt: new Date(),
    })),
  });
  await tables(database.db).botPost.deleteMany({ where: { text: { in: ["1", "2"] } } });
}

describe.skipIf(inject("databaseDialect") !== "postgres")("a reused PostgreSQL test database", () => {
  it("is, once reset, what a fresh copy of the template is, and its old name leads nowhere", async () => {
    const first = await createTestDatabase();
    const firstOid = await oid(await connect(first.url));
    await use(first);
    // A connection the test forgot to close, as a bot left running would hold: the reset ends it.
    const forgotten = new pg.Client({ connectionString: first.url });
    forgotten.on("error", () => undefined);
    await forgotten.connect();
    await first.close();
    await settleDroppedDatabases();

    const reused = await createTestDatabase();
    cleanups.push(() => reused.close());
    expect(await oid(await connect(reused.url))).toBe(firstOid);
    const fresh = await createPostgresDatabase({ template: inject("seededTemplateDatabase") });
    cleanups.push(fresh.drop);
    expect(await content(reused.url)).toEqual(await content(fresh.url));
    await expect(connect(first.url)).rejects.toThrow(/does not exist/);
    await expect(forgotten.query("SELECT 1")).rejects.toThrow();
  });

  it("is dropped, not reused, when a test changed its schema", async () => {
    const changed = await createTestDatabase();
    const changedOid = await oid(await connect(changed.url));
    await (await connect(changed.url)).query(`ALTER TABLE "BotPost" ADD COLUMN "extra" text`);
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
    await changed.close();
    await settleDroppedDatabases();

    const admin = await connect(`${inject("postgresUrlBase")}/postgres`);
    expect((await admin.query(`SELECT datname FROM pg_database WHERE oid = $1`, [changedOid])).rows).toEqual([]);
    const next = await createTestDatabase();
    cleanups.push(() => next.close());
    const fresh = await createPostgresDatabase({ template: inject("seededTemplateDatabase") });
    cleanups.push(fresh.drop);
    expect(await content(next.url)).toEqual(await content(fresh.url));
  });
});
