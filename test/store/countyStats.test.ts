import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createBot } from "../../src/app.ts";
import { createLogger } from "../../src/logger.ts";
import { loadServiceScope } from "../../src/features/context.ts";
import { unitStats } from "../../src/features/stats/stats.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

const run = promisify(execFile);
const now = new Date("2026-11-23T02:00:00Z");
const period = { from: new Date("2026-10-01T00:00:00+08:00"), to: new Date("2026-11-01T00:00:00+08:00"), label: "10月" };
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  await run(process.execPath, ["--import", "tsx", "scripts/seed-county.ts", "--tickets", "3000", "--at", now.toISOString()], {
    env: { ...process.env, DATABASE_URL: database.url },
  });
}, 60_000);
afterAll(async () => {
  await database.close();
});

describe("statistics on a small seeded county", () => {
  it("match counts made independently, for the county and for one sub-district", async () => {
    const { db } = database;
    const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "unused-admin-token-0123456789", () => now);
    const scope = await loadServiceScope(db, bot.deps.settings, now);
    for (const unitId of ["lc-county", "lc-sd3"]) {
      const report = await unitStats(db, scope, unitId, period);
      const inUnit = unitId === "lc-county" ? {} : { unitId: { startsWith: `${unitId}-` } };
      const where = { ...inUnit, createdAt: { gte: period.from, lt: period.to } };
      const count = (extra: object) => tables(db).ticket.count({ where: { ...where, ...extra } });
      const total = await count({});
      expect(total).toBeGreaterThan(0);
      expect(report.figures.total).toBe(total);
      expect(report.figures.open).toBe(await count({ status: { in: ["reported", "accepted", "assigned"] } }));
      expect(report.figures.rejected).toBe(await count({ status: "rejected" }));
      expect(report.figures.withdrawn).toBe(await count({ status: "withdrawn" }));
      expect(report.figures.resolved).toBe(await count({ status: { in: ["resolved", "closed"] }, resolvedAt: { not: null } }));
      const rated = await count({ rating: { not: null } });
      expect(report.figures.satisfaction).toMatchObject({
        numerator: await count({ rating: { in: ["satisfied", "basically_satisfied"] } }),
        denominator: rated,
      });
      // Every ticket counted once in each breakdown.
      for (const rows of [report.byEstate, report.byCommunity, report.byCategory, report.byColour]) {
        expect(rows.reduce((sum, row) => sum + row.figures.total, 0)).toBe(total);
      }
      if (unitId === "lc-sd3") expect(report.byCommunity.every((row) => row.unitId.startsWith("lc-sd3-"))).toBe(true);
    }
  });
});
