import { afterEach, describe, expect, it } from "vitest";
import { readinessOf } from "../../src/http/health.ts";
import { migrationNames } from "../../src/store/migrate.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";
import { sql } from "kysely";

let t: TestBot;
afterEach(async () => {
  await t.close();
});

describe("health and readiness", () => {
  it("/healthz and /readyz both answer 200 on a migrated database", async () => {
    t = await startTestBot();
    expect(await t.request("GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await t.request("GET", "/readyz")).toEqual({ status: 200, body: { status: "ready" } });
  });

  it("/readyz answers 503 naming a migration that is not applied; /healthz does not look at the database", async () => {
    t = await startTestBot();
    const latest = migrationNames(t.database.url).at(-1)!;
    await sql`DELETE FROM "_prisma_migrations" WHERE "migration_name" = ${latest}`.execute(t.database.db.query);
    expect(await t.request("GET", "/readyz")).toEqual({ status: 503, body: { status: "unavailable", reason: `migrations not applied: ${latest}` } });
    expect((await t.request("GET", "/healthz")).status).toBe(200);
  });

  it("/readyz answers 503 when the database cannot be read", async () => {
    t = await startTestBot();
    await sql`DROP TABLE "_prisma_migrations"`.execute(t.database.db.query);
    expect(await t.request("GET", "/readyz")).toEqual({ status: 503, body: { status: "unavailable", reason: "database unreachable" } });
    expect((await t.request("GET", "/healthz")).status).toBe(200);
  });

  it("/readyz answers 503 once a shutdown has begun", async () => {
    t = await startTestBot();
    readinessOf(t.bot.app).draining = true;
    expect(await t.request("GET", "/readyz")).toEqual({ status: 503, body: { status: "unavailable", reason: "shutting down" } });
    expect((await t.request("GET", "/healthz")).status).toBe(200);
  });

  it("/readyz stays 200 on an instance that does not hold the long connections, and says which it is", async () => {
    t = await startTestBot();
    const lease = { holds: false };
    readinessOf(t.bot.app).longConnections = lease;
    expect(await t.request("GET", "/readyz")).toEqual({ status: 200, body: { status: "ready", longConnections: "standby" } });
    lease.holds = true;
    expect(await t.request("GET", "/readyz")).toEqual({ status: 200, body: { status: "ready", longConnections: "held" } });
  });
});
