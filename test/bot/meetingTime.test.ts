import { describe, expect, it } from "vitest";
import { parseDueDate, parseMeetingTime } from "../../src/bot/meetingTime.ts";

const zone = "Asia/Shanghai";
const now = new Date("2026-11-25T10:00:00+08:00"); // a Wednesday morning
const local = (iso: string) => new Date(`${iso}:00+08:00`);

describe("meeting times as people write them", () => {
  it.each([
    ["12月5日19:30", "2026-12-05T19:30"],
    ["12/5 19:30", "2026-12-05T19:30"],
    ["明天下午3点", "2026-11-26T15:00"],
    ["本周六上午10点", "2026-11-28T10:00"],
    ["下周三晚上7点半", "2026-12-02T19:30"],
    ["后天晚上8点", "2026-11-27T20:00"],
    ["今晚7点", "2026-11-25T19:00"],
    ["今天下午3点", "2026-11-25T15:00"],
    ["1月3日下午2点", "2027-01-03T14:00"],
    ["下个月5号晚上7点", "2026-12-05T19:00"],
    ["周五19:00", "2026-11-27T19:00"],
    ["11月30日 19:30", "2026-11-30T19:30"],
    ["2027年1月2日 9:00", "2027-01-02T09:00"],
    ["下周一上午九点", "2026-11-30T09:00"],
    ["十二月五日晚七点半", "2026-12-05T19:30"],
    ["明晚八点", "2026-11-26T20:00"],
    ["礼拜六下午两点", "2026-11-28T14:00"],
    ["星期天上午10点半", "2026-11-29T10:30"],
    ["3天后下午3点", "2026-11-28T15:00"],
    ["12月31日晚上8点", "2026-12-31T20:00"],
    ["本月28号下午两点半", "2026-11-28T14:30"],
    ["下礼拜二晚上八点", "2026-12-01T20:00"],
    ["周一上午9点", "2026-11-30T09:00"],
    ["12月1日 8:30", "2026-12-01T08:30"],
    ["2026-12-05 19:30", "2026-12-05T19:30"],
    ["明天上午十点", "2026-11-26T10:00"],
    ["后天早上8点", "2026-11-27T08:00"],
    ["下周日下午4点", "2026-12-06T16:00"],
    ["12月30日晚上7点", "2026-12-30T19:00"],
    ["1月1日上午10点", "2027-01-01T10:00"],
    ["本周五晚上7点", "2026-11-27T19:00"],
    ["12月5号19:30", "2026-12-05T19:30"],
    ["周四晚7点", "2026-11-26T19:00"],
  ])("reads %s", (text, expected) => {
    const parsed = parseMeetingTime(text, now, zone);
    expect(parsed).toMatchObject({ ok: true });
    expect(parsed.ok && parsed.at.toISOString()).toBe(local(expected).toISOString());
  });

  it("keeps what follows the time as place and topic", () => {
    expect(parseMeetingTime("12月5日19:30 社区活动室 讨论充电桩安装", now, zone)).toMatchObject({ ok: true, rest: "社区活动室 讨论充电桩安装" });
  });

  it.each([
    ["下周六上午10点 10栋架空层 垃圾分类", "2026-12-05T10:00", "10栋架空层 垃圾分类"],
    ["12月20日19:30 5号楼一楼会议室 电梯加装", "2026-12-20T19:30", "5号楼一楼会议室 电梯加装"],
    ["明天下午3点3单元门口 楼道堆物", "2026-11-26T15:00", "3单元门口 楼道堆物"],
    ["12月5日19:30 社区活动室 讨论3楼漏水", "2026-12-05T19:30", "社区活动室 讨论3楼漏水"],
  ])("reads a place that starts with a number whole (#18): %s", (text, expected, rest) => {
    const parsed = parseMeetingTime(text, now, zone);
    expect(parsed).toMatchObject({ ok: true, rest });
    expect(parsed.ok && parsed.at.toISOString()).toBe(local(expected).toISOString());
  });

  it.each([
    ["今天上午9点", "past"],
    ["昨天下午3点", "past"],
    ["11月20日 19:00", "past"],
    ["明天", "no_time"],
    ["随便什么时候都行", "unparsed"],
  ])("refuses %s (%s)", (text, reason) => {
    expect(parseMeetingTime(text, now, zone)).toEqual({ ok: false, reason });
  });

  it("reads the year-end rollover from the last day of the year", () => {
    const newYearsEve = new Date("2026-12-31T21:00:00+08:00");
    expect(parseMeetingTime("明天上午10点", newYearsEve, zone)).toMatchObject({ ok: true, at: local("2027-01-01T10:00") });
    expect(parseMeetingTime("下个月5号晚上7点", newYearsEve, zone)).toMatchObject({ ok: true, at: local("2027-01-05T19:00") });
  });
});

describe("decision due dates", () => {
  it("take a bare date as the end of that day", () => {
    expect(parseDueDate("12月20日", now, zone)).toEqual(local("2026-12-20T23:59"));
    expect(parseDueDate("下周五下午5点", now, zone)).toEqual(local("2026-12-04T17:00"));
    expect(parseDueDate("看情况", now, zone)).toBeNull();
  });
});
