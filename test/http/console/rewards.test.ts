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
    expect(page.figures.rows).toEqual([{ unitId: "xq-yangguang", unit: "阳光花园", earned: 0, awarded: 25, takenBack: 0, spent: 10, outstanding: 15 }]);

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
});
