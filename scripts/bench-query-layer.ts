/**
 * Benchmark: the query layer for the message path. The same new-report transaction — read the 附议
 * candidates, insert the ticket and its first event, insert the message with its reply, insert the reply
 * post — written several ways, each on its own fresh, seeded database:
 *
 * - prisma-client: Prisma's generated client (adapter-better-sqlite3) in an interactive transaction (what
 *   the bot did before the store moved to Kysely);
 * - prisma-raw: the same SQL text through Prisma's $queryRawUnsafe/$executeRawUnsafe;
 * - prepared: the same SQL text through better-sqlite3 prepared statements, BEGIN IMMEDIATE … COMMIT (the floor);
 * - kysely-sqlite: the store's way (store/database.ts): Kysely's query builder over better-sqlite3 with the
 *   store's statement cache, in inTransaction;
 * - kysely-sqlite-uncached: the same without the statement cache (Kysely prepares each query anew);
 * - kysely-postgres: the store's way on PostgreSQL, when --postgres names a server
 *   (e.g. --postgres postgresql://postgres@127.0.0.1:55431); each run makes and drops its own database.
 *
 *   npm run bench:query-layer -- [--reports 2000] [--postgres URL]
 *
 * Prints a table and one JSON line last: milliseconds per report, by variant.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { seedDemo } from "../src/platforms/sandbox/demoSeed.ts";
import { inTransaction, openDatabase, tuneDatabase, type Database } from "../src/store/database.ts";
import { applyMigrations } from "../src/store/migrate.ts";
import type { DB } from "../src/store/schema.ts";
import { toSqliteDate } from "../src/store/sqlite.ts";
import { createTicket } from "../src/store/tickets.ts";
import { recordExchange } from "../src/store/messages.ts";
import { duplicateCandidates } from "../src/store/tickets.ts";
import { PrismaClient } from "../src/store/generated/client.ts";
import { scratchPostgresDatabase } from "./db/scratchPostgres.ts";

const { values } = parseArgs({ options: { reports: { type: "string", default: "2000" }, postgres: { type: "string" } } });
const reports = Number(values.reports);

const CANDIDATES = `SELECT * FROM "Ticket" WHERE "unitId" = ? AND "building" = ? AND "createdAt" >= ? AND "status" IN ('reported', 'accepted', 'assigned') ORDER BY "number" DESC LIMIT 500`;
const TICKET = `INSERT INTO "Ticket" ("groupId", "unitId", "handlingUnitId", "level", "reporterId", "text", "category", "colour", "building", "status", "acceptDueAt", "resolveDueAt", "createdAt", "updatedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "number"`;
const EVENT = `INSERT INTO "TicketEvent" ("ticketNumber", "type", "actorId", "actorName", "toStatus", "at") VALUES (?, ?, ?, ?, ?, ?)`;
const MESSAGE = `INSERT INTO "InboundMessage" ("platform", "messageId", "groupId", "memberId", "text", "receivedAt", "private", "replies")
  VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT ("platform", "messageId") DO NOTHING RETURNING "id"`;
const POST = `INSERT INTO "BotPost" ("groupId", "text", "mentions", "kind", "ticketNumber", "inboundMessageId", "createdAt", "platform", "channel", "status", "sentAt")
  VALUES (?, ?, '[]', 'reply', ?, ?, ?, 'bench', 'passive', 'sent', ?)`;

function report(i: number) {
  const now = new Date();
  return { now, building: `${(i % 300) + 1}号楼`, text: `${(i % 300) + 1}号楼楼道灯不亮了`, messageId: `bench-${i}-${Math.random()}` };
}

type Opened<T> = { open: (url: string) => T | Promise<T>; close: (db: T) => Promise<void> | void; run: (db: T, i: number) => Promise<void> };

const prismaClient: Opened<PrismaClient> = {
  open: (url) => new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) }),
  close: (db) => db.$disconnect(),
  run: async (db, i) => {
    const r = report(i);
    await db.$transaction(async (tx) => {
      await tx.ticket.findMany({
        where: {
          unitId: "xq-yangguang",
          building: r.building,
          createdAt: { gte: new Date(r.now.getTime() - 7 * 86_400_000) },
          status: { in: ["reported", "accepted", "assigned"] },
        },
        orderBy: { number: "desc" },
        take: 500,
      });
      const ticket = await tx.ticket.create({
        data: {
          groupId: "g-yangguang",
          unitId: "xq-yangguang",
          handlingUnitId: "xq-yangguang",
          level: "estate",
          reporterId: "u-zhang",
          text: r.text,
          category: "repair",
          colour: "yellow",
          building: r.building,
          status: "reported",
          acceptDueAt: r.now,
          resolveDueAt: r.now,
          createdAt: r.now,
          updatedAt: r.now,
          events: { create: [{ type: "reported", actorId: "u-zhang", actorName: "张阿姨", toStatus: "reported", at: r.now }] },
        },
      });
      const message = await tx.inboundMessage.create({
        data: { platform: "bench", messageId: r.messageId, groupId: "g-yangguang", memberId: "u-zhang", text: r.text, receivedAt: r.now, replies: "[]" },
      });
      await tx.botPost.create({
        data: {
          groupId: "g-yangguang",
          text: "已登记",
          kind: "reply",
          ticketNumber: ticket.number,
          inboundMessageId: message.id,
          createdAt: r.now,
          platform: "bench",
          channel: "passive",
          status: "sent",
          sentAt: r.now,
        },
      });
    });
  },
};

const prismaRaw: Opened<PrismaClient> = {
  ...prismaClient,
  run: async (db, i) => {
    const r = report(i);
    const at = toSqliteDate(r.now);
    await db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(CANDIDATES, "xq-yangguang", r.building, toSqliteDate(new Date(r.now.getTime() - 7 * 86_400_000)));
      const [ticket] = await tx.$queryRawUnsafe<{ number: bigint | number }[]>(
        TICKET,
        "g-yangguang",
        "xq-yangguang",
        "xq-yangguang",
        "estate",
        "u-zhang",
        r.text,
        "repair",
        "yellow",
        r.building,
        "reported",
        at,
        at,
        at,
        at,
      );
      const number = Number(ticket!.number);
      await tx.$executeRawUnsafe(EVENT, number, "reported", "u-zhang", "张阿姨", "reported", at);
      const [message] = await tx.$queryRawUnsafe<{ id: bigint | number }[]>(MESSAGE, "bench", r.messageId, "g-yangguang", "u-zhang", r.text, at, "[]");
      await tx.$executeRawUnsafe(POST, "g-yangguang", "已登记", number, Number(message!.id), at, at);
    });
  },
};

/** better-sqlite3 prepared statements, each prepared once: the floor any layer over SQLite adds to. */
const prepared: Opened<{ handle: BetterSqlite3.Database; statements: Map<string, BetterSqlite3.Statement> }> = {
  open: (url) => {
    const handle = new BetterSqlite3(url.replace(/^file:/, ""));
    handle.pragma("journal_mode = WAL");
    handle.pragma("synchronous = NORMAL");
    return { handle, statements: new Map() };
  },
  close: (db) => {
    db.handle.close();
  },
  run: (db, i) => {
    const statement = (sql: string) => {
      let cached = db.statements.get(sql);
      if (!cached) db.statements.set(sql, (cached = db.handle.prepare(sql)));
      return cached;
    };
    const r = report(i);
    const at = toSqliteDate(r.now);
    db.handle.exec("BEGIN IMMEDIATE");
    statement(CANDIDATES).all("xq-yangguang", r.building, toSqliteDate(new Date(r.now.getTime() - 7 * 86_400_000)));
    const { number } = statement(TICKET).get(
      "g-yangguang",
      "xq-yangguang",
      "xq-yangguang",
      "estate",
      "u-zhang",
      r.text,
      "repair",
      "yellow",
      r.building,
      "reported",
      at,
      at,
      at,
      at,
    ) as { number: number };
    statement(EVENT).run(number, "reported", "u-zhang", "张阿姨", "reported", at);
    const { id } = statement(MESSAGE).get("bench", r.messageId, "g-yangguang", "u-zhang", r.text, at, "[]") as { id: number };
    statement(POST).run("g-yangguang", "已登记", number, id, at, at);
    db.handle.exec("COMMIT");
    return Promise.resolve();
  },
};

/** The store's own functions in inTransaction: what the message path runs, on either database. */
async function storeReport(db: Database, i: number): Promise<void> {
  const r = report(i);
  await inTransaction(db, async (tx) => {
    await duplicateCandidates(tx, { unitId: "xq-yangguang", since: new Date(r.now.getTime() - 7 * 86_400_000), building: r.building });
    const ticket = await createTicket(
      tx,
      {
        groupId: "g-yangguang",
        unitId: "xq-yangguang",
        handlingUnitId: "xq-yangguang",
        level: "estate",
        reporterId: "u-zhang",
        text: r.text,
        category: "repair",
        colour: "yellow",
        building: r.building,
        unitNo: null,
        room: null,
        locationText: null,
        acceptDueAt: r.now,
        resolveDueAt: r.now,
        createdAt: r.now,
      },
      [{ type: "reported", actorId: "u-zhang", actorName: "张阿姨", fromStatus: null, toStatus: "reported", note: null, at: r.now }],
    );
    await recordExchange(
      tx,
      { platform: "bench", messageId: r.messageId, groupId: "g-yangguang", memberId: "u-zhang", text: r.text, receivedAt: r.now, private: false },
      ["已登记"],
      [
        {
          groupId: "g-yangguang",
          text: "已登记",
          mentions: [],
          kind: "reply",
          ticketNumber: ticket.number,
          platform: "bench",
          channel: "passive",
          status: "sent",
        },
      ],
      r.now,
    );
  });
}

const kyselyStore: Opened<Database> = {
  open: async (url) => {
    const db = openDatabase(url);
    await tuneDatabase(db);
    return db;
  },
  close: (db) => db.close(),
  run: storeReport,
};

/** Kysely over better-sqlite3 as it comes: each query prepared anew (dates written as the store writes them). */
const kyselyUncached: Opened<{ handle: BetterSqlite3.Database; kysely: Kysely<DB> }> = {
  open: (url) => {
    const handle = new BetterSqlite3(url.replace(/^file:/, ""));
    handle.pragma("journal_mode = WAL");
    handle.pragma("synchronous = NORMAL");
    return { handle, kysely: new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) }) };
  },
  close: (db) => db.kysely.destroy(),
  run: async ({ kysely }, i) => {
    const r = report(i);
    const at = toSqliteDate(r.now);
    await kysely.transaction().execute(async (tx) => {
      await tx
        .selectFrom("Ticket")
        .selectAll()
        .where("unitId", "=", "xq-yangguang")
        .where("building", "=", r.building)
        .where("createdAt", ">=", toSqliteDate(new Date(r.now.getTime() - 7 * 86_400_000)) as unknown as Date)
        .where("status", "in", ["reported", "accepted", "assigned"])
        .orderBy("number", "desc")
        .limit(500)
        .execute();
      const date = at as unknown as Date;
      const { number } = await tx
        .insertInto("Ticket")
        .values({
          groupId: "g-yangguang",
          unitId: "xq-yangguang",
          handlingUnitId: "xq-yangguang",
          level: "estate",
          reporterId: "u-zhang",
          text: r.text,
          category: "repair",
          colour: "yellow",
          building: r.building,
          status: "reported",
          acceptDueAt: date,
          resolveDueAt: date,
          createdAt: date,
          updatedAt: date,
        })
        .returning("number")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("TicketEvent")
        .values({ ticketNumber: number, type: "reported", actorId: "u-zhang", actorName: "张阿姨", toStatus: "reported", at: date })
        .execute();
      const { id } = await tx
        .insertInto("InboundMessage")
        .values({ platform: "bench", messageId: r.messageId, groupId: "g-yangguang", memberId: "u-zhang", text: r.text, receivedAt: date, replies: "[]" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("BotPost")
        .values({
          groupId: "g-yangguang",
          text: "已登记",
          kind: "reply",
          ticketNumber: number,
          inboundMessageId: id,
          createdAt: date,
          platform: "bench",
          channel: "passive",
          status: "sent",
          sentAt: date,
        })
        .execute();
    });
  },
};

async function measure<T>(name: string, variant: Opened<T>, url: string): Promise<void> {
  const db = await variant.open(url);
  for (let i = 0; i < 200; i++) await variant.run(db, i); // warm-up: statements prepared, JIT settled
  const started = performance.now();
  for (let i = 0; i < reports; i++) await variant.run(db, 200 + i);
  results[name] = (performance.now() - started) / reports;
  await variant.close(db);
  console.log(`${name.padEnd(24)} ${results[name].toFixed(3)} ms a report  (${(1000 / results[name]).toFixed(0)} reports/s on one core)`);
}

/** A migrated, seeded SQLite file for one variant. */
async function sqliteFile(name: string): Promise<string> {
  const url = `file:${path.join(dir, `${name}.db`)}`;
  await applyMigrations(url);
  const db = openDatabase(url);
  await tuneDatabase(db);
  await seedDemo(db);
  await db.close();
  return url;
}

const dir = mkdtempSync(path.join(tmpdir(), "yishi-query-layer-"));
const results: Record<string, number> = {};
try {
  await measure("prisma-client", prismaClient, await sqliteFile("prisma-client"));
  await measure("prisma-raw", prismaRaw, await sqliteFile("prisma-raw"));
  await measure("prepared", prepared, await sqliteFile("prepared"));
  await measure("kysely-sqlite", kyselyStore, await sqliteFile("kysely-sqlite"));
  await measure("kysely-sqlite-uncached", kyselyUncached, await sqliteFile("kysely-sqlite-uncached"));
  if (values.postgres) {
    const scratch = await scratchPostgresDatabase(values.postgres);
    try {
      const db = openDatabase(scratch.url);
      await seedDemo(db);
      await db.close();
      await measure("kysely-postgres", kyselyStore, scratch.url);
    } finally {
      await scratch.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const round = (ms: number) => Math.round(ms * 1000) / 1000;
console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([name, ms]) => [`${name.replaceAll("-", "_")}_ms`, round(ms)]))));
