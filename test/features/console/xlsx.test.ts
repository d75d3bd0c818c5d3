import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnName, xlsxStream, type XlsxCell } from "../../../src/features/console/xlsx.ts";

async function readBack(sheets: Parameters<typeof xlsxStream>[0]) {
  const chunks: Buffer[] = [];
  for await (const chunk of xlsxStream(sheets)) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook;
}

const values = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getSheetValues()
    .slice(1)
    .map((row) => (row as XlsxCell[]).slice(1));

describe("the streamed .xlsx writer", () => {
  it("names columns as Excel does", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("writes sheets exceljs reads back cell for cell: numbers as numbers, XML's special and forbidden characters handled", async () => {
    const rows: XlsxCell[][] = [
      ["工单号", "居民原话"],
      [1, `<b>&"引号"</b>\u0001铃\t制表`],
      [2.5, "=1+1"],
    ];
    const workbook = await readBack([
      { name: "统计", rows },
      {
        name: "人员",
        rows: (async function* () {
          await Promise.resolve();
          yield ["姓名"];
          yield ["李书记"];
        })(),
      },
    ]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["统计", "人员"]);
    expect(values(workbook.getWorksheet("统计")!)).toEqual([
      ["工单号", "居民原话"],
      [1, `<b>&"引号"</b>铃\t制表`],
      [2.5, "=1+1"],
    ]);
    expect(values(workbook.getWorksheet("人员")!)).toEqual([["姓名"], ["李书记"]]);
  });

  it("writes a hundred thousand rows as the reader pulls, in a file of a few MB", async () => {
    async function* many() {
      await Promise.resolve();
      for (let i = 0; i < 100_000; i++) yield [i, `${i % 30}号楼楼道灯不亮了`];
    }
    let bytes = 0;
    for await (const chunk of xlsxStream([{ name: "工单台账", rows: many() }])) bytes += (chunk as Buffer).length;
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThan(5_000_000);
  });
});
