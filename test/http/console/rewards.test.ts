import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInAs, type ConsoleClient } from "../../helpers/consoleClient.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

const YANGGUANG = "g-yangguang";

let t: TestBot;
let secretary: ConsoleClient;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
  secretary = await signInAs(t, YANGGUANG, "u-li");
  await t.say(YANGGUANG, "u-li", "积分 奖励 @刘大爷 15 调解邻里纠纷");
});
afterEach(async () => {
  await t.close();
});

const rice = { unitId: "xq-yangguang", name: "大米", price: 10, stock: 3, monthlyLimit: 1 };
const codeIn = (text: string) => /取货码 ([2-9A-HJ-NP-Z]{4})/.exec(text)![1]!;

async function rowsOf(raw: ArrayBuffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe("the console's 积分商城", () => {
  it("keeps the catalogue: add, edit, retire, each in the item's history; the chat sees each change", async () => {
    const added = await secretary.post("/console/api/rewards/items", rice);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const id = added.body.item.id;
    expect((await t.say(YANGGUANG, "u-liu", "兑换"))[0]).toContain("· 大米：10 分 · 剩 3 份 · 每人每月限 1 份");
    const edited = await secretary.post(`/console/api/rewards/items/${id}`, { price: 8, stock: 5 });
    expect(edited.body).toMatchObject({ changed: true, item: { price: 8, stock: 5 } });
    expect((await t.say(YANGGUANG, "u-liu", "兑换"))[0]).toContain("· 大米：8 分 · 剩 5 份");
    expect((await secretary.post(`/console/api/rewards/items/${id}/retire`, {})).status).toBe(200);
    expect(await t.say(YANGGUANG, "u-liu", "兑换")).toEqual(["目前没有可兑换的物品。"]);
    expect((await secretary.post(`/console/api/rewards/items/${id}/retire`, {})).status).toBe(409);
    expect((await secretary.post(`/console/api/rewards/items/${id}`, { price: 9 })).status).toBe(409);
    const history = (await secretary.get(`/console/api/rewards/items/${id}/history`)).body.history;
    expect(history.map((change: any) => [change.action, change.detail, change.by])).toEqual([
      ["retired", "下架", "李书记"],
      ["edited", "修改：所需积分、库存", "李书记"],
      ["added", "上架", "李书记"],
    ]);
  });

  it("refuses bad input with a clear error and changes nothing, and a unit out of reach", async () => {
    const bad = [
      { ...rice, price: 0 },
      { ...rice, stock: -1 },
      { ...rice, name: "" },
      { ...rice, activeFrom: "2026-12-01T00:00:00Z", activeUntil: "2026-11-01T00:00:00Z" },
      { ...rice, colour: "red" },
    ];
    for (const body of bad) expect((await secretary.post("/console/api/rewards/items", body)).status, JSON.stringify(body)).toBe(400);
    const property = await signInAs(t, YANGGUANG, "u-sun");
    expect((await property.post("/console/api/rewards/items", { ...rice, unitId: "sq-xingfu" })).status).toBe(403);
    expect((await property.get("/console/api/rewards?unit=xq-lijing")).status).toBe(404);
    expect((await secretary.get("/console/api/rewards?unit=sq-xingfu")).body.items).toEqual([]);
  });

  it("shows the orders and runs 核销 and 取消 through the chat's commands, with the figures per unit", async () => {
    await secretary.post("/console/api/rewards/items", { ...rice, monthlyLimit: null });
    const first = codeIn((await t.say(YANGGUANG, "u-liu", "兑换 大米"))[0]!);
    const done = await secretary.post(`/console/api/rewards/orders/${first}/actions`, { action: "handOver" });
    expect(done.body).toEqual({ command: `核销 ${first}`, refused: false, replies: [`已核销 ${first}：刘大爷 领取 大米×1。`] });
    const again = await secretary.post(`/console/api/rewards/orders/${first}/actions`, { action: "handOver" });
    expect(again.body.refused).toBe(true);
    expect(again.body.replies[0]).toContain("核销过，不能重复使用");

    await t.say(YANGGUANG, "u-li", "积分 奖励 @陈先生 10 清扫楼道");
    const second = codeIn((await t.say(YANGGUANG, "u-chen", "兑换 大米"))[0]!);
    const cancelled = await secretary.post(`/console/api/rewards/orders/${second}/actions`, { action: "cancel", reason: "居民不需要了" });
    expect(cancelled.body.replies[0]).toBe(`已取消 ${second}：陈先生 的 大米，退回 10 分。原因：居民不需要了`);
    expect((await secretary.post(`/console/api/rewards/orders/${second}/actions`, { action: "cancel" })).status).toBe(400);
    expect((await secretary.post(`/console/api/rewards/orders/ZZZZ/actions`, { action: "handOver" })).status).toBe(404);

    const page = (await secretary.get("/console/api/rewards?unit=sq-xingfu")).body;
    expect(page.orders.map((order: any) => [order.code, order.member, order.statusName, order.closedBy])).toEqual([
      [second, "陈先生", "已取消", "李书记"],
      [first, "刘大爷", "已领取", "李书记"],
    ]);
    expect(page.figures.rows).toEqual([
      { unitId: "xq-yangguang", unit: "阳光花园", earned: 0, awarded: 25, takenBack: 0, spent: 10, outstanding: 15, pending: 0 },
    ]);

    const ledger = await secretary.get("/console/api/rewards/ledger.xlsx?unit=sq-xingfu");
    expect(ledger.status).toBe(200);
    expect(ledger.headers.get("content-disposition")).toContain(encodeURIComponent("幸福社区-积分台账"));
    const ledgerRows = await rowsOf(ledger.raw);
    expect(ledgerRows[0]).toEqual(["时间", "小区", "居民", "类型", "积分", "事由", "工单", "奖励人"]);
    expect(ledgerRows.slice(1).map((row) => [row[2], row[3], row[4]])).toEqual([
      ["刘大爷", "工作人员奖励", 15],
      ["刘大爷", "兑换", -10],
      ["刘大爷", "兑换已领取", 0],
      ["陈先生", "工作人员奖励", 10],
      ["陈先生", "兑换", -10],
      ["陈先生", "兑换取消，退回", 10],
    ]);
    const exchanges = await rowsOf((await secretary.get("/console/api/rewards/exchanges.xlsx?unit=xq-yangguang")).raw);
    expect(exchanges.slice(1).map((row) => [row[0], row[3], row[4], row[7], row[12]])).toEqual([
      [first, "刘大爷", "大米", "已领取", undefined],
      [second, "陈先生", "大米", "已取消", "居民不需要了"],
    ]);
  });

  it("lets staff of an item's unit and the units above keep it, not staff of an estate below a community's item", async () => {
    const community = (await secretary.post("/console/api/rewards/items", { ...rice, unitId: "sq-xingfu", name: "社区理发" })).body.item;
    const estate = await signInAs(t, YANGGUANG, "u-zhou"); // 话事员 of 阳光花园 only
    const own = await estate.post("/console/api/rewards/items", { ...rice, name: "小区大米" });
    expect(own.status).toBe(201);
    const seen = (await estate.get("/console/api/rewards?unit=xq-yangguang")).body.items;
    expect(seen.map((item: any) => [item.name, item.editable])).toEqual([
      ["社区理发", false],
      ["小区大米", true],
    ]);
    for (const [path, body] of [
      [`/console/api/rewards/items/${community.id}`, { price: 1 }],
      [`/console/api/rewards/items/${community.id}/retire`, {}],
    ] as const) {
      const refused = await estate.post(path, body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe("您不能管理这个单位的兑换物品。");
    }
    expect((await estate.get(`/console/api/rewards/items/${community.id}/history`)).status).toBe(403);
    expect((await estate.post("/console/api/rewards/items", { ...rice, unitId: "sq-xingfu" })).status).toBe(403);
    const history = (await secretary.get(`/console/api/rewards/items/${community.id}/history`)).body.history;
    expect(history.map((change: any) => change.action)).toEqual(["added"]);
    // The community's secretary keeps the estate's item; the sub-district's keeps the community's.
    expect((await secretary.post(`/console/api/rewards/items/${own.body.item.id}`, { price: 7 })).body).toMatchObject({ changed: true });
    const subdistrict = await signInAs(t, "g-chengguan-staff", "u-ma");
    expect((await subdistrict.post(`/console/api/rewards/items/${community.id}`, { price: 9 })).body).toMatchObject({ changed: true, item: { price: 9 } });
    // Another estate's staff do not even see it.
    const lijing = (await secretary.post("/console/api/rewards/items", { ...rice, unitId: "xq-lijing", name: "丽景停车" })).body.item;
    expect((await estate.post(`/console/api/rewards/items/${lijing.id}`, { price: 1 })).status).toBe(404);
  });

  it("names an item's hand-over person among the unit's residents, and refuses anyone else", async () => {
    const found = (await secretary.get("/console/api/rewards/hand-over-members?unit=xq-yangguang&q=陈")).body.members;
    expect(found).toEqual([{ id: "u-chen", name: "陈先生", unit: "阳光花园" }]);
    expect((await secretary.get("/console/api/rewards/hand-over-members?unit=sq-xingfu&q=赵")).body.members).toEqual([
      { id: "u-zhao", name: "赵女士", unit: "丽景苑" },
    ]);
    const added = await secretary.post("/console/api/rewards/items", { ...rice, name: "免费理发", partner: "陈记理发", handOverMemberId: "u-chen" });
    expect(added.status).toBe(201);
    const page = (await secretary.get("/console/api/rewards?unit=xq-yangguang")).body;
    expect(page.items[0]).toMatchObject({ name: "免费理发", handOverMemberId: "u-chen", handOverName: "陈先生" });
    // 赵女士 lives in 丽景苑: not for 阳光花园's item.
    const wrong = await secretary.post(`/console/api/rewards/items/${added.body.item.id}`, { handOverMemberId: "u-zhao" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe("核销人要是本单位所辖小区居民群里的成员。");
    expect((await secretary.post("/console/api/rewards/items", { ...rice, handOverMemberId: "u-nobody" })).status).toBe(400);
    const history = (await secretary.get(`/console/api/rewards/items/${added.body.item.id}/history`)).body.history;
    expect(history.map((change: any) => change.action)).toEqual(["added"]);
    const cleared = await secretary.post(`/console/api/rewards/items/${added.body.item.id}`, { handOverMemberId: null });
    expect(cleared.body).toMatchObject({ changed: true, item: { handOverMemberId: null } });
  });

  it("shows per unit the points still pending: a report not yet resolved, a meeting not yet held", async () => {
    await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(YANGGUANG, "u-li", "受理 1");
    await t.say(YANGGUANG, "u-li", "新建议事会 11月23日10:20 社区活动室 垃圾分类");
    await t.say(YANGGUANG, "u-zhou", "签到 1 @陈先生");
    const before = (await secretary.get("/console/api/rewards?unit=sq-xingfu")).body.figures;
    expect(before.rows[0]).toMatchObject({ unitId: "xq-yangguang", earned: 5, awarded: 15, outstanding: 20, pending: 5 });
    expect(before.total.pending).toBe(5);
    await t.say(YANGGUANG, "u-li", "办结 1 电梯已修复");
    t.clock.set("2026-11-23T02:30:00Z"); // the meeting has started
    expect((await secretary.get("/console/api/rewards?unit=sq-xingfu")).body.figures.total).toMatchObject({ outstanding: 20, pending: 0 });
  });
});
