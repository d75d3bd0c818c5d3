import pg from "pg";
import { afterEach, describe, expect, inject, it, onTestFinished, vi } from "vitest";
import { findGroupByChat } from "../../src/store/org.ts";
import { postgresClientConfig } from "../../src/store/postgresConfig.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

// On PostgreSQL the directory learns of another instance's change from the triggers' notification
// (orgRevisionListener.ts), not by reading the revision row every few milliseconds; by time again while its
// listener is down.

const onPostgres = inject("databaseDialect") === "postgres";
let database: TestDatabase | undefined;
let other: pg.Client | undefined;
afterEach(async () => {
  await other?.end();
  other = undefined;
  await database?.close();
  database = undefined;
});

/** Another instance's connection. */
async function anotherInstance(url: string): Promise<pg.Client> {
  other = new pg.Client(postgresClientConfig(url));
  await other.connect();
  return other;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const bindChat = (client: pg.Client, id: string, chatId: string) =>
  client.query(
    `INSERT INTO "Group" ("id", "name", "kind", "unitId", "platform", "chatId") VALUES ($1, '另一实例绑定的群', 'residents', 'xq-yangguang', 'wecom', $2)`,
    [id, chatId],
  );

/** The same write with the triggers off for its session: the row changes and nobody is told. */
async function bindChatUnannounced(client: pg.Client, id: string, chatId: string) {
  await client.query("SET session_replication_role = replica");
  await bindChat(client, id, chatId);
  await client.query("SET session_replication_role = DEFAULT");
}

describe.skipIf(!onPostgres)("the organisation in memory on PostgreSQL", () => {
  it("sees another instance's change when its notification arrives, and reads nothing by time while listening", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    onTestFinished(() => void vi.useRealTimers());
    database = await createTestDatabase();
    const { db } = database;
    expect(await findGroupByChat(db, "wecom", "wr-quiet")).toBeNull();
    await until(() => db.orgRevision!.listening, "the listener");
    await findGroupByChat(db, "wecom", "wr-quiet"); // the read its start asks for
    const client = await anotherInstance(database.url);

    // Unannounced, the change is not seen, however long the directory waits: it does not poll.
    await bindChatUnannounced(client, "g-quiet", "wr-quiet");
    vi.advanceTimersByTime(60_000);
    expect(await findGroupByChat(db, "wecom", "wr-quiet")).toBeNull();

    // Announced (the trigger's NOTIFY on commit), it is seen once the notification arrives: both changes.
    await bindChat(client, "g-loud", "wr-loud");
    await until(async () => (await findGroupByChat(db, "wecom", "wr-loud")) !== null, "the notified change");
    expect(await findGroupByChat(db, "wecom", "wr-quiet")).toMatchObject({ id: "g-quiet" });
  });

  it("reads the revision by time again while its listener is lost, and listens again after", async () => {
    // Date too: the listener is opened again only once a second of it has passed.
    vi.useFakeTimers({ toFake: ["performance", "Date"] });
    onTestFinished(() => void vi.useRealTimers());
    database = await createTestDatabase();
    const { db } = database;
    expect(await findGroupByChat(db, "wecom", "wr-lost")).toBeNull();
    await until(() => db.orgRevision!.listening, "the listener");
    const client = await anotherInstance(database.url);
    await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    await until(() => !db.orgRevision!.listening, "the listener's loss");

    expect(await findGroupByChat(db, "wecom", "wr-lost")).toBeNull(); // the read the loss asks for

    // Its notification reaches nobody here; the revision row it bumped is read once the few milliseconds pass.
    await bindChat(client, "g-lost", "wr-lost");
    expect(await findGroupByChat(db, "wecom", "wr-lost")).toBeNull();
    vi.advanceTimersByTime(20);
    expect(await findGroupByChat(db, "wecom", "wr-lost")).toMatchObject({ id: "g-lost" });
    // A second later it listens again.
    vi.advanceTimersByTime(1_000);
    await until(async () => {
      await findGroupByChat(db, "wecom", "wr-lost");
      return db.orgRevision!.listening;
    }, "the listener back");
  });
});
