import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

/** Everything a group and the ticket show after a command, for comparing two ways of giving it. */
async function traces(number: number) {
  const ticket = await t.ticket(number);
  const history = ticket.history.map((event: any) => ({ type: event.type, actor: event.actor.name, to: event.toStatus, note: event.note }));
  const posts = [];
  for (const group of ["g-yangguang", "g-xingfu-staff", "g-chengguan-staff"]) {
    const timeline = (await t.request("GET", `/sandbox/groups/${group}/messages`)).body.messages;
    // The report's own answer names its place; what the commands caused is compared.
    posts.push(
      ...timeline
        .filter((entry: any) => entry.type === "bot" && entry.ticketNumber === number && !entry.text.includes("已登记工单"))
        .map((entry: any) => `${group}: ${entry.text}`),
    );
  }
  return { status: ticket.status, assignee: ticket.assignee?.name ?? null, history, posts };
}

describe("the console's board and actions", () => {
  it("shows a secretary of estate 阳光花园 only its tickets: 丽景苑's are neither listed nor open to act on", async () => {
    await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await t.say(LIJING, "u-zhao", "@议事助手 5号楼门口垃圾没人清");
    const property = await signInAs(t, YANGGUANG, "u-sun"); // 孙物业: staff of 阳光花园 only
    const board = await property.get("/console/api/tickets");
    expect(board.body.tickets.map((row: any) => row.number)).toEqual([1]);
    expect((await property.get("/console/api/tickets/2")).status).toBe(404);
    expect((await property.post("/console/api/tickets/2/actions", { action: "accept" })).status).toBe(404);
    expect((await property.get("/console/api/tickets?unit=xq-lijing")).status).toBe(404);
    expect((await t.ticket(2)).status).toBe("reported");

    const secretary = await signInAs(t, YANGGUANG, "u-li"); // 李书记: the community, both estates
    expect((await secretary.get("/console/api/tickets")).body.tickets.map((row: any) => row.number)).toEqual([2, 1]);
  });

  it("filters, searches and pages with a cursor", async () => {
    for (let i = 1; i <= 5; i++) await t.say(YANGGUANG, "u-zhang", `@议事助手 ${i}号楼楼道灯不亮了`);
    await t.say(LIJING, "u-zhao", "@议事助手 小区门口有人乱停车堵住消防通道");
    const client = await signInAs(t, YANGGUANG, "u-li");
    const first = await client.get("/console/api/tickets?limit=2");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.total, JSON.stringify(first.body)).toBe(6);
    expect(first.body.tickets.map((row: any) => row.number)).toEqual([6, 5]);
    const second = await client.get(`/console/api/tickets?limit=2&after=${first.body.next}`);
    expect(second.body.tickets.map((row: any) => row.number)).toEqual([4, 3]);
    expect((await client.get("/console/api/tickets?unit=xq-lijing")).body.tickets.map((row: any) => row.number)).toEqual([6]);
    expect((await client.get(`/console/api/tickets?q=${encodeURIComponent("3号楼")}`)).body.tickets.map((row: any) => row.number)).toEqual([3]);
    expect((await client.get("/console/api/tickets?q=%234")).body.tickets.map((row: any) => row.number)).toEqual([4]);
    await client.post("/console/api/tickets/2/actions", { action: "accept" });
    expect((await client.get("/console/api/tickets?status=accepted")).body.tickets.map((row: any) => row.number)).toEqual([2]);
    t.clock.advance(30 * 86_400_000);
    const later = await signInAs(t, YANGGUANG, "u-li"); // the first session has idled out meanwhile
    const overdue = await later.get("/console/api/tickets?overdue=1&sort=deadline");
    expect(overdue.body.total).toBe(6);
    expect(overdue.body.tickets.every((row: any) => row.overdue)).toBe(true);
    expect((await later.get("/console/api/tickets?colour=purple")).status).toBe(400);
  });

  it("runs an action as the same command typed in the chat: same history, same posts to the groups", async () => {
    await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await t.say(YANGGUANG, "u-zhang", "@议事助手 8号楼电梯按钮坏了");
    const client = await signInAs(t, YANGGUANG, "u-li");

    const accepted = await client.post("/console/api/tickets/1/actions", { action: "accept" });
    expect(accepted.body).toMatchObject({ command: "受理 1", refused: false });
    expect(accepted.body.replies[0]).toContain("工单 #1 已受理（李书记）");
    await client.post("/console/api/tickets/1/actions", { action: "assign", target: "物业" });
    await t.say(YANGGUANG, "u-li", "受理 2");
    await t.say(YANGGUANG, "u-li", "派单 2 物业");

    const byConsole = await traces(1);
    const byChat = await traces(2);
    const same = (trace: typeof byConsole) => ({ ...trace, posts: trace.posts.map((post) => post.replace(/#[12]\b/g, "#N")) });
    expect(byConsole.history.length).toBeGreaterThanOrEqual(3);
    expect(byConsole.posts.length).toBeGreaterThanOrEqual(2);
    expect(same(byConsole)).toEqual(same(byChat));
    // The group sees the command as typed by her, as in the chat.
    const timeline = (await t.request("GET", `/sandbox/groups/${YANGGUANG}/messages`)).body.messages;
    expect(timeline.filter((entry: any) => entry.type === "message" && entry.memberName === "李书记").map((entry: any) => entry.text)).toEqual([
      "工作台",
      "受理 1",
      "派单 1 物业",
      "受理 2",
      "派单 2 物业",
    ]);
  });

  it("refuses in the console what the rules refuse in the chat, with the chat's words", async () => {
    await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const client = await signInAs(t, YANGGUANG, "u-li");
    const early = await client.post("/console/api/tickets/1/actions", { action: "resolve", result: "已修好" });
    const typed = await t.say(YANGGUANG, "u-li", "办结 1 已修好");
    expect(early.body.refused).toBe(true);
    expect(early.body.replies).toEqual(typed);
    expect((await t.ticket(1)).status).toBe("reported");
  });

  it("accepts and assigns several tickets at once, each through the command path", async () => {
    await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await t.say(YANGGUANG, "u-zhang", "@议事助手 8号楼电梯按钮坏了");
    const client = await signInAs(t, YANGGUANG, "u-li");
    const accepted = await client.post("/console/api/tickets/bulk", { numbers: [1, 2], action: "accept" });
    expect(accepted.body.results.map((result: any) => result.refused)).toEqual([false, false]);
    await client.post("/console/api/tickets/bulk", { numbers: [1, 2], action: "assign", target: "物业" });
    expect((await t.ticket(1)).assignee.name).toBe("孙物业");
    expect((await t.ticket(2)).assignee.name).toBe("孙物业");
  });

  it("opens a ticket with its timeline, followers and signed photo links", async () => {
    await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await t.say(YANGGUANG, "u-liu", "@议事助手 3号楼楼道灯坏了，黑乎乎的");
    const client = await signInAs(t, YANGGUANG, "u-li");
    const { ticket } = (await client.get("/console/api/tickets/1")).body;
    expect(ticket.estate).toBe("阳光花园");
    expect(ticket.followers.map((f: any) => f.name)).toEqual(["刘大爷"]);
    expect(ticket.history[0].actor.name).toBe("张阿姨");
  });

  it("exports the board as CSV and .xlsx, one row per ticket, matching the statistics", async () => {
    await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await t.say(YANGGUANG, "u-zhang", "@议事助手 8号楼电梯按钮坏了");
    await t.say(LIJING, "u-zhao", "@议事助手 5号楼门口垃圾没人清");
    const client = await signInAs(t, YANGGUANG, "u-li");
    await client.post("/console/api/tickets/1/actions", { action: "accept" });
    await client.post("/console/api/tickets/1/actions", { action: "assign", target: "物业" });
    await t.say(YANGGUANG, "u-sun", "办结 1 已更换灯泡");
    const stats = (await client.get("/console/api/stats?unit=sq-xingfu&period=本月")).body;
    const query = `from=${encodeURIComponent(stats.period.from)}&to=${encodeURIComponent(stats.period.to)}&unit=sq-xingfu`;

    const csv = await client.get(`/console/api/export.csv?${query}`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = Buffer.from(csv.raw)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("工单号,小区,楼栋,类别");
    expect(lines.length - 1).toBe(stats.figures.total);

    const xlsx = await client.get(`/console/api/export.xlsx?${query}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean).slice(1) as unknown[][];
    expect(rows.length).toBe(stats.figures.total);
    const statusColumn = 6; // 状态 (getSheetValues rows are 1-based)
    expect(rows.filter((row) => row[statusColumn] === "已办结").length).toBe(stats.figures.resolved);
    expect(rows.map((row) => row[1])).toEqual([3, 2, 1]);
    expect(stats.byChild.map((child: any) => child.name).sort()).toEqual(["丽景苑", "阳光花园"].sort());
    expect(stats.trend).toHaveLength(12);
  });
});
