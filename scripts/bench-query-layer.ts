/**
 * Benchmark: the query layer for the message path. The same new-report transaction — read the 附议
 * candidates, insert the ticket and its first event, insert the message with its reply, insert the reply
 * post — written three ways on the same fresh, seeded SQLite file:
 *
 * - prisma-client: Prisma's generated client in an interactive transaction (what the bot did before);
 * - prisma-raw: the same SQL text through Prisma's $queryRawUnsafe/$executeRawUnsafe;
 * - prepared: the same SQL text through better-sqlite3 prepared statements on the store's connection
 *   (store/connection.ts), in the store's own transaction (store/database.ts: inTransaction).
 *
 *   npm run bench:query-layer -- [--reports 2000]
 *
 * Prints a table and one JSON line last: {"prisma_client_ms", "prisma_raw_ms", "prepared_ms"} per report.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seedDemo } from "../src/platforms/sandbox/demoSeed.ts";
import { toDbDate } from "../src/store/connection.ts";
import { inTransaction, openDatabase, statementsOf, tuneDatabase, type Database } from "../src/store/database.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const { values } = parseArgs({ options: { reports: { type: "string", default: "2000" } } });
const reports = Number(values.reports);

const CANDIDATES = `SELECT * FROM "Ticket" WHERE "unitId" = ? AND "building" = ? AND "createdAt" >= ? AND "status" IN ('reported', 'accepted', 'assigned') ORDER BY "number" DESC LIMIT 500`;
const TICKET = `INSERT INTO "Ticket" ("groupId", "unitId", "handlingUnitId", "level", "reporterId", "text", "category", "colour", "building", "status", "acceptDueAt", "resolveDueAt", "createdAt", "updatedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "number"`;
const EVENT = `INSERT INTO "TicketEvent" ("ticketNumber", "type", "actorId", "actorName", "toStatus", "at") VALUES (?, ?, ?, ?, ?, ?)`;
const MESSAGE = `INSERT INTO "InboundMessage" ("platform", "messageId", "groupId", "memberId", "text", "receivedAt", "private", "replies")
  VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT ("platform", "messageId") DO NOTHING RETURNING "id"`;
const POST = `INSERT INTO "BotPost" ("groupId", "text", "mentions", "kind", "ticketNumber", "inboundMessageId", "createdAt", "channel", "status", "sentAt")
  VALUES (?, ?, '[]', 'reply', ?, ?, ?, 'passive', 'sent', ?)`;

function report(i: number) {
  const now = new Date();
  return { now, building: `${(i % 300) + 1}号楼`, text: `${(i % 300) + 1}号楼楼道灯不亮了`, messageId: `bench-${i}-${Math.random()}` };
}

type Variant = (db: Database, i: number) => Promise<void>;

const prismaClient: Variant = async (db, i) => {
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
};

const prismaRaw: Variant = async (db, i) => {
  const r = report(i);
  const at = toDbDate(r.now);
  await db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(CANDIDATES, "xq-yangguang", r.building, toDbDate(new Date(r.now.getTime() - 7 * 86_400_000)));
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
};

const prepared: Variant = async (db, i) => {
  const r = report(i);
  const at = toDbDate(r.now);
  await inTransaction(db, async (tx) => {
    const statements = await statementsOf(tx);
    statements.all(CANDIDATES, ["xq-yangguang", r.building, toDbDate(new Date(r.now.getTime() - 7 * 86_400_000))]);
    const { number } = statements.get<{ number: number }>(TICKET, [
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
    ])!;
    statements.run(EVENT, [number, "reported", "u-zhang", "张阿姨", "reported", at]);
    const { id } = statements.get<{ id: number }>(MESSAGE, ["bench", r.messageId, "g-yangguang", "u-zhang", r.text, at, "[]"])!;
    statements.run(POST, ["g-yangguang", "已登记", number, id, at, at]);
  });
};

const dir = mkdtempSync(path.join(tmpdir(), "yishi-query-layer-"));
const results: Record<string, number> = {};
try {
  for (const [name, variant] of Object.entries({ "prisma-client": prismaClient, "prisma-raw": prismaRaw, prepared })) {
    const url = `file:${path.join(dir, `${name}.db`)}`;
    await applyMigrations(url);
    const db = openDatabase(url);
    await tuneDatabase(db);
    await seedDemo(db);
    for (let i = 0; i < 200; i++) await variant(db, i); // warm-up: statements prepared, JIT settled
    const started = performance.now();
    for (let i = 0; i < reports; i++) await variant(db, 200 + i);
    results[name] = (performance.now() - started) / reports;
    await db.$disconnect();
    console.log(`${name.padEnd(14)} ${results[name].toFixed(3)} ms a report  (${(1000 / results[name]).toFixed(0)} reports/s on one core)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const round = (ms: number) => Math.round(ms * 1000) / 1000;
console.log(
  JSON.stringify({ prisma_client_ms: round(results["prisma-client"]!), prisma_raw_ms: round(results["prisma-raw"]!), prepared_ms: round(results.prepared!) }),
);
