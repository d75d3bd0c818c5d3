import { describe, expect, it } from "vitest";
import {
  cronOf,
  decisionsToPublish,
  resumedResolveDue,
  returnsFromMeeting,
  describeRule,
  dueReminderAction,
  occurrencesBetween,
  parseRecurrence,
  reminderSchedule,
  ruleOfCron,
  splitDecision,
} from "../../src/domain/meetings.ts";

const zone = "Asia/Shanghai";
const local = (iso: string) => new Date(`${iso}:00+08:00`);

describe("recurring meetings (例会)", () => {
  it.each([
    ["每月5日 19:30 社区活动室", { kind: "monthly", day: 5, hour: 19, minute: 30 }, "30 19 5 * *", "社区活动室"],
    ["每月15号晚上7点半 小区凉亭 月度议事", { kind: "monthly", day: 15, hour: 19, minute: 30 }, "30 19 15 * *", "小区凉亭 月度议事"],
    ["每周三 19:00 小区凉亭", { kind: "weekly", weekday: 3, hour: 19, minute: 0 }, "0 19 * * 3", "小区凉亭"],
    ["每星期六上午9点 活动室", { kind: "weekly", weekday: 6, hour: 9, minute: 0 }, "0 9 * * 6", "活动室"],
    ["每周日下午3点 广场", { kind: "weekly", weekday: 0, hour: 15, minute: 0 }, "0 15 * * 0", "广场"],
  ])("reads %s", (text, rule, cron, rest) => {
    const parsed = parseRecurrence(text);
    expect(parsed).toEqual({ rule, rest });
    expect(cronOf(parsed!.rule)).toBe(cron);
    expect(ruleOfCron(cron)).toEqual(rule);
  });

  it("refuses what is not a rule", () => {
    expect(parseRecurrence("每月 开会")).toBeNull();
    expect(parseRecurrence("每月35日 19:00 x")).toBeNull();
    expect(parseRecurrence("明天19:00")).toBeNull();
  });

  it("finds monthly occurrences across month and year ends", () => {
    const rule = { kind: "monthly" as const, day: 5, hour: 19, minute: 30 };
    expect(occurrencesBetween(rule, local("2026-11-25T10:00"), local("2027-02-10T00:00"), zone)).toEqual([
      local("2026-12-05T19:30"),
      local("2027-01-05T19:30"),
      local("2027-02-05T19:30"),
    ]);
  });

  it("skips months without the day, as cron does", () => {
    const rule = { kind: "monthly" as const, day: 31, hour: 19, minute: 0 };
    expect(occurrencesBetween(rule, local("2026-11-01T00:00"), local("2027-03-01T00:00"), zone)).toEqual([
      local("2026-12-31T19:00"),
      local("2027-01-31T19:00"),
    ]);
  });

  it("finds weekly occurrences, excluding the start instant itself", () => {
    const rule = { kind: "weekly" as const, weekday: 3, hour: 19, minute: 0 };
    expect(occurrencesBetween(rule, local("2026-11-25T19:00"), local("2026-12-10T00:00"), zone)).toEqual([
      local("2026-12-02T19:00"),
      local("2026-12-09T19:00"),
    ]);
    expect(describeRule(rule)).toBe("每周三 19:00");
  });
});

describe("reminders", () => {
  it("fall 3 days, 1 day and 2 hours before, keeping only those still ahead", () => {
    const startsAt = local("2026-12-05T19:30");
    expect(reminderSchedule(startsAt, [4320, 1440, 120], local("2026-11-25T10:00")).map((r) => r.dueAt)).toEqual([
      local("2026-12-02T19:30"),
      local("2026-12-04T19:30"),
      local("2026-12-05T17:30"),
    ]);
    expect(reminderSchedule(startsAt, [4320, 1440, 120], local("2026-12-04T20:00")).map((r) => r.offsetMinutes)).toEqual([120]);
  });

  it("are sent after downtime only while the meeting is still ahead", () => {
    expect(dueReminderAction(local("2026-12-05T19:30"), local("2026-12-05T19:00"))).toBe("send");
    expect(dueReminderAction(local("2026-12-05T19:30"), local("2026-12-05T19:30"))).toBe("skip");
  });
});

describe("decisions", () => {
  it("split into content, owner and due date", () => {
    expect(splitDecision("同意在2号楼旁安装充电桩 负责人:孙物业 期限:12月20日")).toEqual({
      decision: "同意在2号楼旁安装充电桩",
      owner: "孙物业",
      due: "12月20日",
    });
    expect(splitDecision("暂缓，下次再议")).toEqual({ decision: "暂缓，下次再议", owner: null, due: null });
    expect(splitDecision("清理楼道堆物 期限：下周五 负责人：@王网格")).toEqual({ decision: "清理楼道堆物", owner: "王网格", due: "下周五" });
  });
});

describe("matters a meeting left undecided, and 公示 (#18)", () => {
  const end = new Date("2026-11-27T14:30:00Z");
  const after = new Date("2026-11-28T01:00:00Z");
  it("sends an open matter marked before the meeting ended back to its clock, with the time it had left", () => {
    const marked = new Date("2026-11-25T02:00:00Z");
    expect(returnsFromMeeting({ open: true, markedForMeetingAt: marked }, end, false, after)).toBe(true);
    expect(returnsFromMeeting({ open: true, markedForMeetingAt: marked }, end, false, new Date(end.getTime() - 60_000))).toBe(false);
    expect(returnsFromMeeting({ open: true, markedForMeetingAt: marked }, end, true, after)).toBe(false);
    expect(returnsFromMeeting({ open: true, markedForMeetingAt: new Date(end.getTime() + 60_000) }, end, false, after)).toBe(false);
    expect(returnsFromMeeting({ open: false, markedForMeetingAt: marked }, end, false, after)).toBe(false);
    expect(resumedResolveDue(new Date("2026-11-26T02:00:00Z"), marked, end).toISOString()).toBe("2026-11-28T14:30:00.000Z");
  });

  it("publishes each decision once unless asked again", () => {
    const at = (iso: string) => new Date(iso);
    const items = [
      { seq: 1, decision: "甲", decidedAt: at("2026-11-25T03:00:00Z") },
      { seq: 2, decision: null, decidedAt: null },
      { seq: 3, decision: "丙", decidedAt: at("2026-11-25T04:00:00Z") },
    ];
    expect(decisionsToPublish(items, null, false).map((item) => item.seq)).toEqual([1, 3]);
    expect(decisionsToPublish(items, at("2026-11-25T03:30:00Z"), false).map((item) => item.seq)).toEqual([3]);
    expect(decisionsToPublish(items, at("2026-11-25T05:00:00Z"), false)).toEqual([]);
    expect(decisionsToPublish(items, at("2026-11-25T05:00:00Z"), true).map((item) => item.seq)).toEqual([1, 3]);
  });
});
