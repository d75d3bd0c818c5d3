import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { percentText } from "../../../src/features/console/monthlyReport.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { signInAs } from "../../helpers/consoleClient.ts";

const YANGGUANG = "g-yangguang";
const LIJING = "g-lijing";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

async function someWork() {
  await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
  await t.say(YANGGUANG, "u-zhang", "@议事助手 8号楼电梯按钮坏了");
  await t.say(LIJING, "u-zhao", "@议事助手 5号楼门口垃圾没人清");
  await t.say(YANGGUANG, "u-li", "派单 1 物业");
  await t.say(YANGGUANG, "u-sun", "办结 1 已更换灯泡");
  await t.say(YANGGUANG, "u-zhang", "评价 1 满意");
  await t.say(LIJING, "u-li", "受理 3");
}

/** A sheet's rows as arrays of cell values, header first. */
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(1)
    .map((row) => (row as unknown[]).slice(1));

function csvRows(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return text
    .slice(1)
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe("the console's 月度通报", () => {
  it("downloads one workbook of 统计 and 人员 with the statistics API's numbers", async () => {
    await someWork();
    const client = await signInAs(t, YANGGUANG, "u-li");
    const query = "unit=sq-xingfu&period=2026-11";
    const stats = (await client.get(`/console/api/stats?${query}`)).body;
    const staff = (await client.get(`/console/api/stats/staff?${query}`)).body.staff;

    const download = await client.get(`/console/api/report.xlsx?${query}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain(encodeURIComponent("月度通报-幸福社区-2026年11月.xlsx"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.raw);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["统计", "人员"]);

    const units = rowsOf(workbook.getWorksheet("统计")!);
    const header = units[0] as string[];
    const column = (name: string) => header.indexOf(name);
    const total = units[1]!;
    expect(total.slice(0, 2)).toEqual(["合计", stats.unitName]);
    expect(total[column("收到")]).toBe(stats.figures.total);
    expect(total[column("办结")]).toBe(stats.figures.resolved);
    expect(total[column("受理及时率")]).toBe(percentText(stats.figures.acceptedOnTime.rate));
    expect(total[column("按时办结率")]).toBe(percentText(stats.figures.resolvedOnTime.rate));
    expect(total[column("解决率")]).toBe(percentText(stats.figures.fixRate.rate));
    expect(total[column("满意率")]).toBe(percentText(stats.figures.satisfaction.rate));
    expect(stats.figures.total).toBe(3);
    const children = units.filter((row) => row[0] === "下级单位");
    expect(children.map((row) => [row[1], row[column("收到")]])).toEqual(stats.byChild.map((child: any) => [child.name, child.figures.total]));
    const categories = units.filter((row) => row[0] === "类别");
    expect(categories.map((row) => [row[1], row[column("收到")]])).toEqual(stats.byCategory.map((row: any) => [row.name, row.figures.total]));
    expect(units.filter((row) => row[0] === "颜色")).toHaveLength(stats.byColour.length);

    const people = rowsOf(workbook.getWorksheet("人员")!);
    expect(people[0]).toEqual(["姓名", "派单", "办结", "超期", "回访", "评价数", "平均评价（满分3）", "满意率"]);
    expect(people.slice(1).map((row) => row.slice(0, 6))).toEqual(
      staff.map((row: any) => [row.name, row.assigned, row.resolved, row.overdue, row.revisited, row.rated]),
    );
    expect(people.find((row) => row[0] === "孙物业")!.slice(6)).toEqual([3, "100%"]);
  });

  it("gives each table as CSV, the same rows as the workbook", async () => {
    await someWork();
    const client = await signInAs(t, YANGGUANG, "u-li");
    const query = "unit=sq-xingfu&period=2026-11";
    const stats = (await client.get(`/console/api/stats?${query}`)).body;
    const units = csvRows(Buffer.from((await client.get(`/console/api/report.csv?${query}&table=units`)).raw).toString("utf8"));
    expect(units[1]!.slice(0, 3)).toEqual(["合计", stats.unitName, String(stats.figures.total)]);
    const staff = csvRows(Buffer.from((await client.get(`/console/api/report.csv?${query}&table=staff`)).raw).toString("utf8"));
    expect(staff[0]![0]).toBe("姓名");
    expect(
      staff
        .slice(1)
        .map((row) => row[0])
        .sort(),
    ).toEqual(["孙物业", "李书记"].sort());
    expect((await client.get(`/console/api/report.csv?${query}&table=people`)).status).toBe(400);
    const property = await signInAs(t, YANGGUANG, "u-sun");
    expect((await property.get(`/console/api/report.xlsx?${query}`)).status).toBe(404);
  });
});
