import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addItem, retireItem, type NewItem } from "../../../src/features/rewards/catalogue.ts";
import { releaseUncollectedOrders } from "../../../src/features/rewards/release.ts";
import { pointBalance } from "../../../src/store/points.ts";
import { findRewardItem } from "../../../src/store/rewards.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = "g-yangguang";
const DAY = 86_400_000;
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  await t.close();
});

const item = (fields: Partial<NewItem> & { name: string; price: number }): NewItem => ({
  unitId: "xq-yangguang",
  stock: 10,
  monthlyLimit: null,
  activeFrom: null,
  activeUntil: null,
  partner: null,
  handOverMemberId: null,
  collectDays: 7,
  ...fields,
});
const add = (fields: Partial<NewItem> & { name: string; price: number }) => addItem(t.database.db, "u-li", item(fields), t.clock.now());
const award = (target: string, points: number) => t.say(RESIDENTS, "u-li", `积分 奖励 @${target} ${points} 调解邻里纠纷`);
const codeIn = (text: string) => /取货码 ([2-9A-HJ-NP-Z]{4})/.exec(text)?.[1] ?? "";

/** What a refusal must leave as it was: orders, ledger entries, the item's stock. */
async function snapshot(itemId: number) {
  const db = t.database.db;
  const orders = await db.query
    .selectFrom("RewardOrder")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const entries = await db.query
    .selectFrom("PointEntry")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { orders: Number(orders.n), entries: Number(entries.n), stock: (await findRewardItem(db, itemId))!.stock };
}

describe("兑换: the catalogue in the chat", () => {
  it("lists the estate's own items and those its community offers, with price, stock left and limit; not another estate's, nor retired ones", async () => {
    await add({ name: "大米（5斤）", price: 10, stock: 8, monthlyLimit: 1 });
    await add({ name: "免费理发", price: 6, unitId: "sq-xingfu", partner: "幸福理发店" });
    await add({ name: "停车月卡", price: 50, unitId: "xq-lijing" });
    const old = await add({ name: "食用油", price: 8 });
    await retireItem(t.database.db, "u-li", old.id, t.clock.now());
    await award("刘大爷", 15);
    const [list] = await t.say(RESIDENTS, "u-liu", "兑换");
    expect(list).toBe(
      [
        "积分兑换：",
        "· 大米（5斤）：10 分 · 剩 8 份 · 每人每月限 1 份",
        "· 免费理发：6 分 · 剩 10 份 · 幸福理发店提供",
        "您可用 15 分。发送「兑换 物品名 [数量]」兑换，例如「兑换 大米」。",
      ].join("\n"),
    );
    expect((await t.say("g-lijing", "u-zhao", "兑换"))[0]).toContain("停车月卡：50 分");
  });

  it("says so when nothing is on offer", async () => {
    expect(await t.say(RESIDENTS, "u-liu", "兑换")).toEqual(["目前没有可兑换的物品。"]);
  });
});

describe("兑换 <物品>: spending points", () => {
  it("holds the points and the stock and answers with a pick-up code; 我的兑换 shows it", async () => {
    const rice = await add({ name: "大米（5斤）", price: 10 });
    await award("刘大爷", 15);
    const [answer] = await t.say(RESIDENTS, "u-liu", "兑换 大米");
    expect(answer).toMatch(/^兑换成功：大米（5斤）×1，用去 10 分，还可用 5 分。\n取货码 [2-9A-HJ-NP-Z]{4}，请在 11月30日 10:00 前找阳光花园工作人员领取/);
    expect(await pointBalance(t.database.db, "u-liu")).toBe(5);
    expect((await findRewardItem(t.database.db, rice.id))!.stock).toBe(9);
    const [mine] = await t.say(RESIDENTS, "u-liu", "我的兑换");
    expect(mine).toBe(`您的兑换：\n· ${codeIn(answer!)} 大米（5斤）×1 10 分 待领取（11月30日 10:00 前领取）`);
  });

  it("reads a quantity, and matches a name with small differences", async () => {
    await add({ name: "免费理发", price: 3, unitId: "sq-xingfu", partner: "幸福理发店" });
    await award("刘大爷", 10);
    const [answer] = await t.say(RESIDENTS, "u-liu", "兑换 理发 两份");
    expect(answer).toContain("兑换成功：免费理发×2，用去 6 分，还可用 4 分");
    expect(answer).toContain("前到「幸福理发店」领取");
  });

  it("asks which when a name fits several items", async () => {
    await add({ name: "大米（5斤）", price: 10 });
    await add({ name: "大米（10斤）", price: 18 });
    await award("刘大爷", 20);
    expect(await t.say(RESIDENTS, "u-liu", "兑换 大米")).toEqual(["「大米」对应多件物品：大米（10斤）、大米（5斤）。请写全名，例如「兑换 大米（10斤）」。"]);
  });

  it("refuses, with a clear reply and nothing changed: balance, stock, limit, period, an unknown item, staff", async () => {
    const rice = await add({ name: "大米", price: 10, stock: 2, monthlyLimit: 1 });
    await add({ name: "月饼", price: 1, activeFrom: new Date("2026-12-01T00:00:00Z") });
    await add({ name: "粽子", price: 1, activeUntil: new Date("2026-11-01T00:00:00Z") });
    await award("刘大爷", 15);
    const before = await snapshot(rice.id);
    const refusals: [string, string, string][] = [
      ["u-liu", "兑换 大米 3", "「大米」只剩 2 份了。"],
      ["u-liu", "兑换 大米 2", "「大米」每人每月限 1 份，您本月已兑换 0 份，最多还能换 1 份。"],
      ["u-zhang", "兑换 大米", "需要 10 分，您可用的积分只有 0 分。"],
      ["u-liu", "兑换 月饼", "「月饼」12月1日 08:00 起才能兑换。"],
      ["u-liu", "兑换 粽子", "「粽子」的兑换已经结束。"],
      ["u-liu", "兑换 电视机", "没有找到「电视机」。发送「兑换」看看能换什么。"],
      ["u-liu", "兑换 大米 50", "每次兑换 1 到 20 份。"],
      ["u-wang", "兑换 大米", "积分兑换只面向居民，工作人员不能兑换。"],
    ];
    for (const [user, text, refusal] of refusals) expect(await t.say(RESIDENTS, user, text), text).toEqual([refusal]);
    expect(await snapshot(rice.id)).toEqual(before);
    // The limit counts what was taken this month.
    expect((await t.say(RESIDENTS, "u-liu", "兑换 大米"))[0]).toContain("兑换成功");
    expect(await t.say(RESIDENTS, "u-liu", "兑换 大米")).toEqual(["「大米」每人每月限 1 份，您本月已兑换 1 份。"]);
  });

  it("does not let points awarded above the monthly cap be spent", async () => {
    await add({ name: "大米", price: 25 });
    await award("刘大爷", 20);
    // An award the cap of the time allowed, above today's (20): written straight to the ledger.
    await t.database.db.query
      .insertInto("PointEntry")
      .values({ memberId: "u-liu", unitId: "xq-yangguang", points: 10, kind: "award", reason: "旧规则下的奖励", at: t.clock.now() })
      .execute();
    expect(await t.say(RESIDENTS, "u-liu", "兑换 大米")).toEqual(["需要 25 分，您可用的积分只有 20 分。"]);
  });

  it("gives the last one to exactly one of two residents asking at once", async () => {
    const rice = await add({ name: "大米", price: 5, stock: 1 });
    await award("刘大爷", 5);
    await award("陈先生", 5);
    const answers = await Promise.all([t.say(RESIDENTS, "u-liu", "兑换 大米"), t.say(RESIDENTS, "u-chen", "兑换 大米")]);
    const texts = answers.map((replies) => replies[0]!);
    expect(texts.filter((text) => text.startsWith("兑换成功"))).toHaveLength(1);
    expect(texts.filter((text) => text === "「大米」已经兑完了。")).toHaveLength(1);
    expect((await findRewardItem(t.database.db, rice.id))!.stock).toBe(0);
    expect((await pointBalance(t.database.db, "u-liu")) + (await pointBalance(t.database.db, "u-chen"))).toBe(5);
  });

  it("never spends the same points twice when one resident asks twice at once", async () => {
    await add({ name: "大米", price: 5, stock: 10 });
    await award("刘大爷", 5);
    const answers = await Promise.all([t.say(RESIDENTS, "u-liu", "兑换 大米"), t.say(RESIDENTS, "u-liu", "兑换 大米")]);
    expect(answers.map((replies) => replies[0]!).filter((text) => text.startsWith("兑换成功"))).toHaveLength(1);
    expect(await pointBalance(t.database.db, "u-liu")).toBe(0);
  });
});

describe("核销, 取消兑换 and the release", () => {
  async function ordered(fields: Partial<NewItem> = {}) {
    const rice = await add({ name: "大米", price: 10, ...fields });
    await award("刘大爷", 15);
    const code = codeIn((await t.say(RESIDENTS, "u-liu", "兑换 大米"))[0]!);
    expect(code).not.toBe("");
    return { rice, code };
  }

  it("completes an order once; the same code again is refused", async () => {
    const { code } = await ordered();
    expect(await t.say(RESIDENTS, "u-wang", `核销 ${code.toLowerCase()}`)).toEqual([`已核销 ${code}：刘大爷 领取 大米×1。`]);
    expect(await t.say("g-xingfu-staff", "u-li", `核销 ${code}`)).toEqual([`取货码 ${code} 已于 11月23日 10:00 核销过，不能重复使用。`]);
    expect(await pointBalance(t.database.db, "u-liu")).toBe(5);
    expect((await t.say(RESIDENTS, "u-liu", "我的兑换"))[0]).toContain("大米×1 10 分 已领取");
  });

  it("refuses a resident, staff above the item's unit, and a code that is not one", async () => {
    const { code } = await ordered();
    expect(await t.say(RESIDENTS, "u-zhang", `核销 ${code}`)).toEqual(["只有工作人员或物品指定的核销人可以核销兑换。"]);
    expect(await t.say("g-chengguan-staff", "u-ma", `核销 ${code}`)).toEqual([`取货码 ${code} 的兑换由阳光花园及所辖小区的工作人员核销，您不在其中。`]);
    expect(await t.say(RESIDENTS, "u-wang", "核销 OO11")).toEqual(["取货码是 4 位字母或数字（不含 0、O、1、I），例如「核销 K7PX」。"]);
    expect(await t.say(RESIDENTS, "u-wang", "核销 ZZZZ")).toEqual(["没有取货码为 ZZZZ 的兑换。"]);
    expect((await t.say(RESIDENTS, "u-liu", "我的兑换"))[0]).toContain("待领取");
  });

  it("lets an item's hand-over person (a partner shop's owner, not staff) 核销 that item only, never their own order", async () => {
    const haircut = await add({ name: "免费理发", price: 5, partner: "陈记理发", handOverMemberId: "u-chen" });
    const { rice, code: riceCode } = await ordered();
    const haircutCode = codeIn((await t.say(RESIDENTS, "u-liu", "兑换 免费理发"))[0]!);
    // Another item's code: refused, and which items are theirs said; nothing changes.
    const before = await snapshot(rice.id);
    expect(await t.say(RESIDENTS, "u-chen", `核销 ${riceCode}`)).toEqual([`取货码 ${riceCode} 的物品不由您核销，您负责核销的是：免费理发。`]);
    expect(await snapshot(rice.id)).toEqual(before);
    // A resident who hands nothing over is refused before the code is read.
    expect(await t.say(RESIDENTS, "u-zhang", `核销 ${haircutCode}`)).toEqual(["只有工作人员或物品指定的核销人可以核销兑换。"]);
    expect(await t.say(RESIDENTS, "u-chen", `核销 ${haircutCode}`)).toEqual([`已核销 ${haircutCode}：刘大爷 领取 免费理发×1。`]);
    expect((await t.say(RESIDENTS, "u-liu", "我的兑换"))[0]).toContain(`${haircutCode} 免费理发×1 5 分 已领取`);
    // Their own order is for staff to hand over.
    await award("陈先生", 10);
    const own = codeIn((await t.say(RESIDENTS, "u-chen", "兑换 免费理发"))[0]!);
    const ownBefore = await snapshot(haircut.id);
    expect(await t.say(RESIDENTS, "u-chen", `核销 ${own}`)).toEqual(["不能核销自己的兑换，请找工作人员核销。"]);
    expect(await snapshot(haircut.id)).toEqual(ownBefore);
    // Staff of the item's unit chain still may; cancelling stays staff's.
    expect(await t.say(RESIDENTS, "u-chen", `取消兑换 ${own} 不要了`)).toEqual(["只有工作人员可以取消兑换。"]);
    expect(await t.say(RESIDENTS, "u-wang", `核销 ${own}`)).toEqual([`已核销 ${own}：陈先生 领取 免费理发×1。`]);
  });

  it("lets staff cancel with a reason: points and stock back, the resident told", async () => {
    const { rice, code } = await ordered();
    const replies = await t.say("g-xingfu-staff", "u-li", `取消兑换 ${code} 库存登记有误`);
    expect(replies).toEqual([`已取消 ${code}：刘大爷 的 大米，退回 10 分。原因：库存登记有误`]);
    const told = await t.database.db.query.selectFrom("BotPost").select(["groupId", "text"]).where("text", "like", "您兑换的%").execute();
    expect(told).toEqual([{ groupId: RESIDENTS, text: "您兑换的 大米 已被工作人员取消，10 分已退回。原因：库存登记有误" }]);
    expect(await pointBalance(t.database.db, "u-liu")).toBe(15);
    expect((await findRewardItem(t.database.db, rice.id))!.stock).toBe(10);
    expect(await t.say(RESIDENTS, "u-wang", `核销 ${code}`)).toEqual([`取货码 ${code} 已于 11月23日 10:00 取消。`]);
  });

  it("releases an order not collected within the window, once, on the clock", async () => {
    const { rice, code } = await ordered({ collectDays: 3 });
    t.clock.advance(3 * DAY - 60_000);
    expect(await releaseUncollectedOrders(t.bot.deps, t.clock.now())).toEqual({ released: 0 });
    t.clock.advance(60_000);
    expect(await releaseUncollectedOrders(t.bot.deps, t.clock.now())).toEqual({ released: 1 });
    expect(await releaseUncollectedOrders(t.bot.deps, t.clock.now())).toEqual({ released: 0 });
    expect(await pointBalance(t.database.db, "u-liu")).toBe(15);
    expect((await findRewardItem(t.database.db, rice.id))!.stock).toBe(10);
    expect(await t.say(RESIDENTS, "u-wang", `核销 ${code}`)).toEqual([`取货码 ${code} 已于 11月26日 10:00 过期，积分已退回。`]);
    const told = await t.database.db.query.selectFrom("BotPost").select(["groupId", "text"]).where("text", "like", "您兑换的%").execute();
    expect(told).toEqual([{ groupId: RESIDENTS, text: `您兑换的 大米（取货码 ${code}）逾期未领，10 分已退回。` }]);
    const kinds = await t.database.db.query.selectFrom("PointEntry").select(["kind", "points"]).where("memberId", "=", "u-liu").orderBy("id").execute();
    expect(kinds).toEqual([
      { kind: "award", points: 15 },
      { kind: "exchange", points: -10 },
      { kind: "exchange_released", points: 10 },
    ]);
  });
});
