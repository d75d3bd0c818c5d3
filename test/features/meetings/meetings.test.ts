import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createLogger } from "../../../src/logger.ts";
import { runMeetingReminders, runRecurringMeetings } from "../../../src/features/meetings/jobs.ts";
import { openDatabase } from "../../../src/store/database.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = "g-yangguang";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-25T02:00:00Z" }); // Wednesday 10:00 in Shanghai
});
afterEach(async () => {
  await t.close();
});

const local = (iso: string) => new Date(`${iso}:00+08:00`);
const reminders = (at: string) => {
  t.clock.set(local(at));
  return runMeetingReminders(t.bot.deps, t.clock.now());
};
const timeline = async (groupId = RESIDENTS) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { text: string }[];
const meeting = async (n = 1) => (await t.request("GET", `/api/meetings/${n}`, { headers: auth })).body.meeting;

async function scheduleChargingMeeting() {
  await t.say(RESIDENTS, "u-zhang", "@议事助手 2号楼旁边想装充电桩，大家充电太难了");
  expect((await t.say(RESIDENTS, "u-li", "上会 1"))[0]).toContain("已列入议事会议题");
  const [announcement] = await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论充电桩安装");
  return announcement!;
}

describe("a whole meeting through the sandbox", () => {
  it("is announced, filled, reminded, held, decided, published and followed up", async () => {
    const announcement = await scheduleChargingMeeting();
    expect(announcement).toContain("📢 议事会 #1 通知");
    expect(announcement).toContain("时间：12月5日（周六）19:30");
    expect(announcement).toContain("地点：社区活动室");
    expect(announcement).toContain("1. 2号楼旁边想装充电桩，大家充电太难了（工单 #1）");
    expect(announcement).toContain("报名请发「报名 1」");

    expect((await t.say(RESIDENTS, "u-zhang", "议题 1 楼道堆物整治"))[0]).toContain("需要本小区的书记、网格员");
    expect((await t.say(RESIDENTS, "u-li", "议题 1 楼道堆物整治"))[0]).toContain("第2项议题");
    expect((await t.say(RESIDENTS, "u-zhang", "报名 1"))[0]).toContain("已有 1 人报名");
    expect((await t.say(RESIDENTS, "u-zhang", "报名 1"))[0]).toContain("您已报名");
    expect((await t.say(RESIDENTS, "u-liu", "报名 1"))[0]).toContain("已有 2 人报名");
    expect((await t.say(RESIDENTS, "u-chen", "取消报名 1"))[0]).toContain("您没有报名");
    const [agenda] = await t.say(RESIDENTS, "u-chen", "议程 1");
    expect(agenda).toContain("2. 楼道堆物整治");
    expect(agenda).toContain("已报名 2 人");

    // Three days before: one reminder, with the agenda and the sign-up count; never twice.
    expect(await reminders("2026-12-02T19:31")).toMatchObject({ sent: 1 });
    expect(await reminders("2026-12-02T19:40")).toMatchObject({ sent: 0 });
    const threeDays = (await timeline()).at(-1)!.text;
    expect(threeDays).toContain("⏰ 议事会 #1 还有3天召开");
    expect(threeDays).toContain("已报名 2 人");

    // Rescheduled by a day: the remaining reminders move with it.
    expect((await t.say(RESIDENTS, "u-li", "改期 1 12月6日19:30"))[0]).toContain("改期至 12月6日（周日）19:30");
    expect(await reminders("2026-12-04T19:31")).toMatchObject({ sent: 0 });
    expect(await reminders("2026-12-05T19:31")).toMatchObject({ sent: 1 });
    expect(await reminders("2026-12-06T17:31")).toMatchObject({ sent: 1 });
    expect((await timeline()).at(-1)!.text).toContain("还有2小时召开");

    // The meeting: attendance, decisions (one on the ticket), publication.
    t.clock.set(local("2026-12-06T19:45"));
    expect((await t.say(RESIDENTS, "u-zhang", "签到 1 张阿姨"))[0]).toContain("话事员（主持人）或书记");
    expect((await t.say(RESIDENTS, "u-zhou", "签到 1 张阿姨"))[0]).toContain("张阿姨 已签到议事会 #1，获得 3 积分");
    expect((await t.say(RESIDENTS, "u-zhou", "决议 1 1 同意在2号楼旁安装充电桩 负责人:孙物业 期限:12月20日"))[0]).toContain(
      "由 孙物业 负责，12月20日（周日）23:59前落实",
    );
    await t.say(RESIDENTS, "u-zhou", "决议 1 2 每月第一个周六集中清理楼道");
    const ticketFile = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticketFile.history.map((event: { type: string; note: string | null }) => event.note)).toContain("议事会 #1 决议：同意在2号楼旁安装充电桩");
    const [published] = await t.say(RESIDENTS, "u-zhou", "公示 1");
    expect(published).toContain("📋 议事会 #1 结果公示");
    expect(published).toContain("1. 2号楼旁边想装充电桩，大家充电太难了 —— 决议：同意在2号楼旁安装充电桩；负责人：孙物业；期限：12月20日");
    expect(published).toContain("参会 1 人");

    // After the due date the owner is chased daily until 落实.
    expect(await reminders("2026-12-21T09:00")).toMatchObject({ decisionsChased: 1 });
    expect((await timeline()).at(-1)!.text).toContain("决议第1项「同意在2号楼旁安装充电桩」已到期");
    expect(await reminders("2026-12-21T15:00")).toMatchObject({ decisionsChased: 0 });
    const [done] = await t.say(RESIDENTS, "u-sun", "落实 1 1 充电桩已安装投用");
    expect(done).toContain("第1项决议已落实");
    expect((await timeline()).at(-1)!.text).toContain("工单 #1 已办结（已解决）：议事会 #1 决议落实：充电桩已安装投用");
    expect((await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket.status).toBe("resolved");
    expect(await reminders("2026-12-23T09:00")).toMatchObject({ decisionsChased: 0 });

    const file = await meeting();
    expect(file).toMatchObject({
      topic: "讨论充电桩安装",
      place: "社区活动室",
      startsAt: local("2026-12-06T19:30").toISOString(),
      publishedAt: expect.any(String),
    });
    expect(file.agenda.map((item: { decision: string | null; doneAt: string | null }) => [item.decision, Boolean(item.doneAt)])).toEqual([
      ["同意在2号楼旁安装充电桩", true],
      ["每月第一个周六集中清理楼道", false],
    ]);
    expect(file.signUps).toHaveLength(2);
    expect(file.attendance).toEqual([{ memberId: "u-zhang", checkedInBy: "u-zhou", at: expect.any(String) }]);
    expect(file.reminders.map((r: { status: string }) => r.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("refuses a past or unreadable time with examples, and a meeting without a place", async () => {
    expect((await t.say(RESIDENTS, "u-li", "新建议事会 11月20日19:30 社区活动室 议事"))[0]).toMatch(/这个时间已经过去了。例如：12月5日19:30/);
    expect((await t.say(RESIDENTS, "u-li", "新建议事会 找个时间 社区活动室 议事"))[0]).toContain("没看懂时间");
    expect((await t.say(RESIDENTS, "u-li", "新建议事会 明天下午3点"))[0]).toContain("请写明地点和主题");
    expect((await t.say(RESIDENTS, "u-zhang", "新建议事会 明天下午3点 活动室 议事"))[0]).toContain("工作人员");
    expect((await t.request("GET", "/api/meetings", { headers: auth })).body.meetings).toEqual([]);
  });
});

describe("reminders are sent exactly once", () => {
  it("across a restart", async () => {
    await scheduleChargingMeeting();
    expect(await reminders("2026-12-02T20:00")).toMatchObject({ sent: 1 });
    const db = openDatabase(t.database.url);
    const restarted = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), ADMIN_TOKEN, t.clock.now);
    expect(await runMeetingReminders(restarted.deps, t.clock.now())).toMatchObject({ sent: 0 });
    await db.close();
    expect((await timeline()).filter((entry) => entry.text.includes("还有3天召开"))).toHaveLength(1);
  });

  it("across two concurrent sweeps", async () => {
    await scheduleChargingMeeting();
    t.clock.set(local("2026-12-02T20:00"));
    const [a, b] = await Promise.all([runMeetingReminders(t.bot.deps, t.clock.now()), runMeetingReminders(t.bot.deps, t.clock.now())]);
    expect(a.sent + b.sent).toBe(1);
    expect((await timeline()).filter((entry) => entry.text.includes("还有3天召开"))).toHaveLength(1);
  });

  it("after downtime: the latest due reminder goes out if the meeting is ahead, none if it has started", async () => {
    await scheduleChargingMeeting();
    expect(await reminders("2026-12-05T18:00")).toMatchObject({ sent: 1, skipped: 2 });
    expect((await timeline()).at(-1)!.text).toContain("还有1小时30分钟召开");
    await t.say(RESIDENTS, "u-li", "新建议事会 12月10日19:30 凉亭 夜市噪音");
    expect(await reminders("2026-12-10T20:00")).toMatchObject({ sent: 0, skipped: 3 });
  });

  it("never for a cancelled meeting, whose cancellation is announced", async () => {
    await scheduleChargingMeeting();
    expect((await t.say(RESIDENTS, "u-li", "取消议事会 1 场地临时占用"))[0]).toContain(
      "❌ 议事会 #1「讨论充电桩安装」（原定 12月5日（周六）19:30）取消，原因：场地临时占用",
    );
    expect(await reminders("2026-12-06T00:00")).toMatchObject({ sent: 0, skipped: 0 });
    expect((await meeting()).reminders.map((r: { status: string }) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect((await t.say(RESIDENTS, "u-zhang", "报名 1"))[0]).toContain("已取消");
  });
});

describe("recurring meetings", () => {
  it("are created once, a configurable number of days ahead, with the tickets marked 上会", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 小区夜市太吵了");
    await t.say(RESIDENTS, "u-li", "上会 1");
    expect((await t.say(RESIDENTS, "u-li", "例会 每月5日 19:30 社区活动室 月度议事会"))[0]).toContain("已设定例会：每月5日 19:30");
    expect(await runRecurringMeetings(t.bot.deps, t.clock.now())).toEqual({ created: 0 }); // 5 December is 10 days away
    t.clock.set(local("2026-11-28T20:00"));
    expect(await runRecurringMeetings(t.bot.deps, t.clock.now())).toEqual({ created: 1 });
    expect(await runRecurringMeetings(t.bot.deps, t.clock.now())).toEqual({ created: 0 });
    const created = await meeting();
    expect(created).toMatchObject({ topic: "月度议事会", startsAt: local("2026-12-05T19:30").toISOString() });
    expect(created.agenda).toEqual([expect.objectContaining({ ticketNumber: 1 })]);
    expect((await timeline()).at(-1)!.text).toContain("📢 议事会 #1 通知");
    expect((await t.say(RESIDENTS, "u-li", "例会 每月 开会"))[0]).toContain("没看懂例会规则");
  });
});

describe("the calendar", () => {
  it("is readable only through the link the bot posts", async () => {
    await scheduleChargingMeeting();
    const [answer] = await t.say(RESIDENTS, "u-zhang", "日历");
    const link = /http:\/\/localhost:3000(\/calendar\/groups\/[^\s]+)/.exec(answer!)![1]!;
    const feed = await fetch(`${t.baseUrl}${link}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    const ics = await feed.text();
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("议事会 #1：讨论充电桩安装");
    expect(ics).toContain("DTSTART:20261205T113000Z");
    const token = new URL(`http://x${link}`).searchParams.get("token");
    expect((await fetch(`${t.baseUrl}/calendar/meetings/1.ics?token=${token}`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/calendar/groups/${RESIDENTS}.ics`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/calendar/groups/${RESIDENTS}.ics?token=guess`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/calendar/meetings/1.ics?token=guess`)).status).toBe(404);
    // The same link on asking again.
    expect((await t.say(RESIDENTS, "u-liu", "日历"))[0]).toBe(answer);
  });
});

describe("the meetings API", () => {
  it("lists meetings by group, unit and time", async () => {
    await scheduleChargingMeeting();
    await t.say("g-lijing", "u-li", "新建议事会 12月8日19:00 丽景苑会议室 停车难");
    const names = async (query: string) =>
      (await t.request("GET", `/api/meetings${query}`, { headers: auth })).body.meetings.map((m: { number: number }) => m.number);
    expect(await names("")).toEqual([1, 2]);
    expect(await names("?group=g-lijing")).toEqual([2]);
    expect(await names("?unit=sq-xingfu")).toEqual([1, 2]);
    expect(await names("?from=2026-12-06")).toEqual([2]);
    expect((await t.request("GET", "/api/meetings/9", { headers: auth })).status).toBe(404);
    expect((await t.request("GET", "/api/meetings")).status).toBe(401);
  });
});
