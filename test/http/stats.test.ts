import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
  await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼电梯坏了");
  await t.say("g-yangguang", "u-li", "受理 1");
  await t.say("g-yangguang", "u-li", "办结 1 已修好");
  await t.say("g-yangguang", "u-zhang", "评价 1 基本满意");
  await t.say("g-lijing", "u-zhao", "@议事助手 2号楼门禁坏了");
});
afterEach(async () => {
  await t.close();
});

describe("statistics", () => {
  it("answer 统计 for the group's unit and below", async () => {
    const [estate] = await t.say("g-yangguang", "u-zhang", "统计");
    expect(estate).toContain("阳光花园 · 2026年11月统计");
    expect(estate).toContain("收到诉求 1 件：待受理 0，已受理 1（其中办结 1：解决 1、无法解决 0、转办 0）");
    expect(estate).toContain("满意率 100.0%（1/1）");
    const [community] = await t.say("g-xingfu-staff", "u-wang", "统计 本月");
    expect(community).toContain("收到诉求 2 件");
    expect(community).toContain("按小区：");
    expect((await t.say("g-xingfu-staff", "u-wang", "统计 2026-10"))[0]).toContain("收到诉求 0 件");
  });

  it("return the same figures as JSON", async () => {
    const { status, body } = await t.request("GET", "/api/stats?unit=sq-xingfu", { headers: auth });
    expect(status).toBe(200);
    expect(body.period).toMatchObject({ from: "2026-10-31T16:00:00.000Z", to: "2026-11-30T16:00:00.000Z" });
    expect(body.figures).toMatchObject({ total: 2, resolved: 1, fixed: 1, satisfaction: { numerator: 1, denominator: 1, rate: 1 } });
    expect(body.byEstate.map((row: { name: string }) => row.name).sort()).toEqual(["丽景苑", "阳光花园"]);
    const ranged = await t.request("GET", "/api/stats?unit=xq-lijing&from=2026-11-01&to=2026-12-01", { headers: auth });
    expect(ranged.body.figures.total).toBe(1);
  });

  it("refuse a missing or unknown unit and an inverted range", async () => {
    expect((await t.request("GET", "/api/stats", { headers: auth })).status).toBe(400);
    expect((await t.request("GET", "/api/stats?unit=nowhere", { headers: auth })).status).toBe(404);
    expect((await t.request("GET", "/api/stats?unit=sq-xingfu&from=2026-12-01&to=2026-11-01", { headers: auth })).status).toBe(400);
    expect((await t.request("GET", "/api/stats?unit=sq-xingfu")).status).toBe(401);
  });
  it("give 无法解决 and 转办 apart from 解决, in 统计 and as JSON; only fixes count as solved (#18)", async () => {
    for (const building of [1, 2]) await t.say("g-yangguang", "u-zhang", `@议事助手 ${building}号楼楼道灯不亮了`);
    await t.say("g-yangguang", "u-li", "受理 3");
    await t.say("g-yangguang", "u-li", "办结 3 无法解决：线路归供电公司所有");
    await t.say("g-yangguang", "u-li", "受理 4");
    await t.say("g-yangguang", "u-li", "办结 4 转办 供电公司：线路归其管理");
    const [estate] = await t.say("g-yangguang", "u-zhang", "统计");
    expect(estate).toContain("已受理 3（其中办结 3：解决 1、无法解决 1、转办 1）");
    expect(estate).toContain("解决率 33.3%（1/3）");
    const { body } = await t.request("GET", "/api/stats?unit=xq-yangguang", { headers: auth });
    expect(body.figures).toMatchObject({ resolved: 3, fixed: 1, cannotFix: 1, transferred: 1 });
    expect(body.byColour.reduce((sum: number, row: { figures: { cannotFix: number } }) => sum + row.figures.cannotFix, 0)).toBe(1);
  });

  it("say 收到 for what was reported and 受理 only for what staff accepted (#10)", async () => {
    for (const building of [1, 2, 3, 4]) await t.say("g-yangguang", "u-zhang", `@议事助手 ${building}号楼楼道灯不亮了`);
    await t.say("g-yangguang", "u-li", "受理 3");
    // With #1 (closed) and #2 (丽景苑, not accepted) from the setup above.
    const [staff] = await t.say("g-xingfu-staff", "u-li", "统计 本月");
    expect(staff).toContain("收到诉求 6 件：待受理 4，已受理 2（其中办结 1：解决 1、无法解决 0、转办 0）");
    const [residents] = await t.say("g-yangguang", "u-zhang", "统计 本月");
    expect(residents).toContain("收到诉求 5 件：待受理 3，已受理 2");
  });
});
