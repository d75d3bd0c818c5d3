import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { parsePeriod } from "../../../src/domain/periods.ts";
import { loadServiceScope } from "../../../src/features/context.ts";
import { pointFiguresByUnit } from "../../../src/features/rewards/figures.ts";
import * as rewardTexts from "../../../src/features/rewards/texts.ts";
import { postMonthlyDigest, postWeeklyDigest } from "../../../src/features/stats/digests.ts";
import { unitStats } from "../../../src/features/stats/stats.ts";
import * as statsTexts from "../../../src/features/stats/texts.ts";
import { createLogger } from "../../../src/logger.ts";
import { allGroups } from "../../../src/store/org.ts";
import { seedCounty } from "../../../src/store/seedCounty.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/testDatabase.ts";
import { tables } from "../../helpers/tables.ts";

const SEEDED_AT = new Date("2026-11-23T02:00:00Z");
/** 1 December, 10:00 in Shanghai: the monthly review of November. */
const MONTHLY_AT = new Date("2026-12-01T02:00:00Z");
/** Monday 23 November, 10:00 in Shanghai: the weekly review of 16–22 November. */
const WEEKLY_AT = new Date("2026-11-23T02:00:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase({ seed: false });
  await seedCounty(database.url, 2000, SEEDED_AT);
});
afterEach(async () => {
  await database.close();
});

function botAt(now: Date) {
  return createBot(loadConfig({ LOG_LEVEL: "silent" }), database.db, createLogger("silent"), "unused-admin-token-0123456789", () => now);
}

/** Points earned and spent in November in a few estates (and one entry outside the month, which no digest counts). */
async function enterPoints(unitIds: readonly string[]) {
  const entries = unitIds.flatMap((unitId, i) => [
    { memberId: `m-${i}`, unitId, points: 10 + i, kind: "report_accepted", reason: "上报被受理", at: new Date("2026-11-10T02:00:00Z") },
    { memberId: `m-${i}`, unitId, points: 5, kind: "award", reason: "热心", at: new Date("2026-11-12T02:00:00Z") },
    { memberId: `m-${i}`, unitId, points: -3, kind: "exchange", reason: "兑换", at: new Date("2026-11-15T02:00:00Z") },
    { memberId: `m-${i}`, unitId, points: 7, kind: "report_accepted", reason: "上报被受理", at: new Date("2026-10-15T02:00:00Z") },
  ]);
  for (const data of entries) await tables(database.db).pointEntry.create({ data });
}

/** Each group's digest as the per-group path wrote it: 统计's figures for the group's unit, and its points. */
async function perGroupTexts(now: Date, periodWord: string, title: string, withPoints: boolean): Promise<Map<string, string>> {
  const bot = botAt(now);
  const scope = await loadServiceScope(database.db, bot.deps.settings, now);
  const period = parsePeriod(periodWord, now, bot.deps.settings.zone)!;
  const texts = new Map<string, string>();
  for (const group of await allGroups(database.db)) {
    if (group.kind !== "staff" && !withPoints) continue;
    const report = await unitStats(database.db, scope, group.unitId, period);
    let text = statsTexts.statsText(report, group.kind === "staff" ? title : statsTexts.PUBLIC_TITLE, group.kind !== "staff");
    if (withPoints) {
      const { rows } = await pointFiguresByUnit(database.db, scope, group.unitId, period);
      const points = rewardTexts.monthlyPoints(rows.map((row) => ({ unit: row.unit, earned: row.earned + row.awarded - row.takenBack, spent: row.spent })));
      if (points) text = `${text}\n${points}`;
    }
    texts.set(group.id, text);
  }
  return texts;
}

async function postedTexts(): Promise<Map<string, string>> {
  const posts = await tables(database.db).botPost.findMany({ orderBy: { id: "asc" } });
  return new Map(posts.map((post) => [post.groupId, post.text]));
}

describe("the periodic digests' figures, counted once for every group", () => {
  it("give each group of a seeded county the monthly review its own 统计 and points give", async () => {
    const estates = (await tables(database.db).unit.findMany({ where: { level: "estate" }, orderBy: { id: "asc" } })).map((unit) => unit.id);
    await enterPoints(estates.filter((_, i) => i % 7 === 0));
    const expected = await perGroupTexts(MONTHLY_AT, "上月", statsTexts.MONTHLY_TITLE, true);
    expect(await postMonthlyDigest(botAt(MONTHLY_AT).deps, MONTHLY_AT)).toEqual({ posted: expected.size, alreadyPosted: 0 });
    const posted = await postedTexts();
    expect([...posted.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [groupId, text] of expected) expect({ groupId, text: posted.get(groupId) }).toEqual({ groupId, text });
    // The comparison means something: the month has tickets, and some groups' reviews have points.
    expect([...posted.values()].filter((text) => text.includes("红色小积分")).length).toBeGreaterThan(3);
    expect([...posted.values()].filter((text) => /收到诉求 [1-9]\d* 件/.test(text)).length).toBeGreaterThan(10);
  }, 120_000);

  it("give each work group the weekly review its own 统计 gives", async () => {
    const expected = await perGroupTexts(WEEKLY_AT, "上周", statsTexts.WEEKLY_TITLE, false);
    expect(await postWeeklyDigest(botAt(WEEKLY_AT).deps, WEEKLY_AT)).toEqual({ posted: expected.size, alreadyPosted: 0 });
    const posted = await postedTexts();
    expect([...posted.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [groupId, text] of expected) expect({ groupId, text: posted.get(groupId) }).toEqual({ groupId, text });
  }, 120_000);
});
