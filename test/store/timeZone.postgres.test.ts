import { execFileSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresClientConfig } from "../../src/store/postgresConfig.ts";
import { createPostgresDatabase } from "../helpers/testDatabase.ts";

// The test cluster runs in Asia/Shanghai on purpose (scripts/db/pgCluster.ts). The store's connections must
// work in UTC anyway: a timestamp sent or rendered without its offset (as text dates and Prisma's adapter-pg
// send them, as to_char and ::date render them) is otherwise read 8 hours off. Written against the store's
// connection settings (postgresClientConfig) with raw pg until the store's PostgreSQL dialect opens them itself.

let database: { url: string; drop: () => Promise<void> };
let store: pg.Client;

/** What an operator sees with psql, in the server's own time zone. */
function psql(sql: string): string {
  return execFileSync("psql", ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", database.url, "-c", sql], { encoding: "utf8" }).trim();
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  store = new pg.Client(postgresClientConfig(database.url));
  await store.connect();
});

afterAll(async () => {
  await store?.end();
  await database?.drop();
});

describe("time zones on PostgreSQL with the server in Asia/Shanghai", () => {
  it("runs the server in Asia/Shanghai, and the store's sessions in UTC", async () => {
    expect(psql("SHOW TimeZone")).toBe("Asia/Shanghai");
    expect((await store.query("SHOW TimeZone")).rows[0]).toEqual({ TimeZone: "UTC" });
  });

  it("stores the instant written as UTC text without an offset, as psql in Shanghai reads it", async () => {
    // 20:30 UTC on 5 December is 04:30 on 6 December in Shanghai: the day differs too.
    await store.query(`INSERT INTO "ScheduledSend" ("key", "at") VALUES ('text', $1)`, ["2026-12-05 20:30:00.000"]);
    expect(psql(`SELECT "at" FROM "ScheduledSend" WHERE "key" = 'text'`)).toBe("2026-12-06 04:30:00+08");
    expect(psql(`SELECT extract(epoch FROM "at") FROM "ScheduledSend" WHERE "key" = 'text'`)).toBe(String(Date.UTC(2026, 11, 5, 20, 30) / 1000) + ".000000");
  });

  it("round-trips a Date, and psql's rows read back the same instant", async () => {
    const at = new Date("2026-12-05T23:59:59.123Z");
    await store.query(`INSERT INTO "ScheduledSend" ("key", "at") VALUES ('date', $1)`, [at]);
    const read = await store.query<{ at: Date }>(`SELECT "at" FROM "ScheduledSend" WHERE "key" = 'date'`);
    expect(read.rows[0]!.at.toISOString()).toBe(at.toISOString());
    psql(`INSERT INTO "ScheduledSend" ("key", "at") VALUES ('psql', '2026-12-06 08:00:00+08')`);
    const fromPsql = await store.query<{ at: Date }>(`SELECT "at" FROM "ScheduledSend" WHERE "key" = 'psql'`);
    expect(fromPsql.rows[0]!.at.toISOString()).toBe("2026-12-06T00:00:00.000Z");
  });

  it("renders days and hours in SQL as the SQLite store does (UTC)", async () => {
    await store.query(`INSERT INTO "ScheduledSend" ("key", "at") VALUES ('render', $1)`, [new Date("2026-12-05T20:30:00Z")]);
    const rendered = await store.query<{ day: string; hour: string }>(
      `SELECT "at"::date::text AS "day", to_char("at", 'HH24:MI') AS "hour" FROM "ScheduledSend" WHERE "key" = 'render'`,
    );
    expect(rendered.rows[0]).toEqual({ day: "2026-12-05", hour: "20:30" });
  });
});
