import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { findPhoneNumbers } from "../../src/text/phone.ts";
import { PHONE_FORMS, SERVICE_NUMBERS } from "../fixtures/phoneNumbers.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";

/**
 * Who reads a resident's phone number (#16 item 2, #18): residents' groups and logs read it masked in every
 * form it is written; the work group that must call the reporter back reads it whole.
 */
const RESIDENTS = "g-yangguang";
const STAFF = "g-xingfu-staff";

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await startTestBot({ now: "2026-11-23T02:00:00Z", logger: createLogger("debug", sink) });
  return { bot: t, logs: lines };
}

const staffTimeline = async (bot: TestBot) =>
  ((await bot.request("GET", `/sandbox/groups/${STAFF}/messages`)).body.messages as { text: string }[]).map((m) => m.text);
const residentsPosts = async (bot: TestBot) =>
  ((await bot.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages as { type: string; text: string }[])
    .filter((m) => m.type !== "message")
    .map((m) => m.text);

describe("phone numbers in what groups read", () => {
  it("are masked in every form in the residents' group and the logs, whole in the work group's alert and 待办, and never a room", async () => {
    const { bot, logs } = await start();
    for (const [i, [phone, masked]] of PHONE_FORMS.entries()) {
      const n = i + 1;
      // A different building each time, so no report joins another as a duplicate; red, so the work group is alerted.
      const replies = await bot.say(RESIDENTS, "u-zhang", `@议事助手 ${n}号楼电梯困人了 联系我${phone}`);
      const filed = replies.join("\n");
      expect(filed).toContain(`已登记工单 #${n}`);
      expect(filed).toContain(`位置：${n}号楼\n`);
      expect((await bot.ticket(n)).location).toEqual({ building: String(n), unit: null, room: null, text: `${n}号楼` });

      const [progress] = await bot.say(RESIDENTS, "u-zhang", `进度 ${n}`);
      expect(progress).toContain(`联系我${masked}`);
      expect(progress).not.toContain(phone);

      const alert = (await staffTimeline(bot)).find((text) => text.includes(`新工单 #${n}（`));
      expect(alert).toContain(`联系我${phone}`);
    }
    // 我的 and 待办 cut the words short: never in the middle of a number.
    const [mine] = await bot.say(RESIDENTS, "u-zhang", "我的");
    const [todoHere] = await bot.say(RESIDENTS, "u-wang", "待办");
    for (const text of [mine!, todoHere!, ...(await residentsPosts(bot))]) {
      expect(findPhoneNumbers(text)).toEqual([]);
      for (const [phone] of PHONE_FORMS) expect(text).not.toContain(phone);
    }
    expect(mine).toContain("联系我138****5678");
    const [todoAtWork] = await bot.say(STAFF, "u-wang", "待办");
    expect(todoAtWork).toContain("联系我13812345678");
    const written = logs.join("");
    for (const [phone] of PHONE_FORMS) expect(written).not.toContain(phone);
  });

  it("files 「3号楼楼道灯坏了 电话138-1234-5678」 at 3号楼, not 3号楼1234室", async () => {
    const { bot } = await start();
    const [filed] = await bot.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯坏了 电话138-1234-5678");
    expect(filed).toContain("位置：3号楼\n");
    expect(filed).not.toContain("1234室");
    expect((await bot.ticket(1)).location).toEqual({ building: "3", unit: null, room: null, text: "3号楼" });
  });

  it("never read a company's service number as a room, and show it as it is: 「6号楼楼道灯坏了 有事打400-123-4567」", async () => {
    const { bot } = await start();
    for (const [i, phone] of SERVICE_NUMBERS.entries()) {
      const n = i + 1;
      const building = n === 2 ? 26 : n;
      const [filed] = await bot.say(RESIDENTS, "u-zhang", `@议事助手 ${building}号楼楼道灯坏了 有事打${phone}`);
      expect(filed).toContain(`位置：${building}号楼\n`);
      expect((await bot.ticket(n)).location).toEqual({ building: String(building), unit: null, room: null, text: `${building}号楼` });
      const [progress] = await bot.say(RESIDENTS, "u-zhang", `进度 ${n}`);
      expect(progress).toContain(`有事打${phone}`);
    }
  });

  it("are masked in a message's id in the logs (a sandbox id may be any words)", async () => {
    const { bot, logs } = await start();
    await bot.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯坏了", "张阿姨13812345678");
    const written = logs.join("");
    expect(written).toContain("张阿姨138****5678");
    expect(written).not.toContain("13812345678");
  });

  it("are whole in the notice to the level above and masked in the residents' short line when a matter climbs", async () => {
    const { bot } = await start();
    await bot.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯坏了 家里有老人 电话一三八一二三四五六七八");
    expect(await staffTimeline(bot)).toEqual([]);
    await bot.say(RESIDENTS, "u-li", "升级 1 老人摸黑下楼");
    const notice = (await staffTimeline(bot)).find((text) => text.includes("升级至本级"));
    expect(notice).toContain("电话一三八一二三四五六七八");
    const [progress] = await bot.say(RESIDENTS, "u-zhang", "进度 1");
    expect(progress).toContain("电话138****5678");
  });

  it("are masked in 代报's 原话 and the result residents read, whole in the staff notice and its history", async () => {
    const { bot } = await start();
    const quoted = await bot.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-li", text: "@议事助手 立案", quote: { text: "6号楼楼道灯坏了 有事打幺三八 幺二三四 五六七八" } },
    });
    const filed = (quoted.body.replies as { text: string }[]).map((reply) => reply.text).join("\n");
    expect(filed).toContain("原话：「6号楼楼道灯坏了 有事打138****5678」");
    expect(filed).not.toContain("幺三八");
    await bot.say(RESIDENTS, "u-li", "受理 1");
    await bot.say(RESIDENTS, "u-li", "办结 1 已修好，有问题打座机 8123 4567");
    const [progress] = await bot.say(RESIDENTS, "u-zhang", "进度 1");
    expect(progress).toContain("打座机 ****4567");
    await bot.say(RESIDENTS, "u-li", "回访 1 不满意 居民说还不亮 请回电0539-7654321");
    await bot.say(RESIDENTS, "u-li", "升级 1 物业修不好");
    // A broken lamp is yellow and starts at the estate: two steps up to the street.
    await bot.say(RESIDENTS, "u-li", "升级 1 社区协调不了");
    const street = ((await bot.request("GET", "/sandbox/groups/g-chengguan-staff/messages")).body.messages as { text: string }[]).map((m) => m.text);
    const notice = street.find((text) => text.includes("升级至本级"));
    expect(notice).toContain("有事打幺三八 幺二三四 五六七八");
    expect(notice).toContain("请回电0539-7654321");
    for (const text of await residentsPosts(bot)) expect(findPhoneNumbers(text)).toEqual([]);
  });
});

describe("phone numbers on a meeting's agenda", () => {
  it("are masked in the announcement and in the calendar feed a link opens", async () => {
    const { bot } = await start();
    bot.clock.set("2026-11-25T02:00:00Z");
    await bot.say(RESIDENTS, "u-zhang", "@议事助手 2号楼想装充电桩 电话138 1234 5678");
    await bot.say(RESIDENTS, "u-li", "上会 1");
    const [announcement] = await bot.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论充电桩安装");
    expect(announcement).toContain("电话138****5678");
    const [answer] = await bot.say(RESIDENTS, "u-zhang", "日历");
    const link = /http:\/\/localhost:3000(\/calendar\/groups\/[^\s]+)/.exec(answer!)![1]!;
    // iCalendar folds long lines: unfold before reading.
    const ics = (await (await fetch(`${bot.baseUrl}${link}`)).text()).replace(/\r?\n[ \t]/g, "");
    expect(ics).toContain("充电桩");
    expect(ics).toContain("138****5678");
    expect(ics).not.toContain("138 1234 5678");
  });
});

describe("places kept on the ticket (#18)", () => {
  it.each([
    ["@议事助手 小区东门垃圾桶满了", "东门"],
    ["@议事助手 地下车库入口积水了，车开不进去", "地下车库入口"],
    ["@议事助手 B区5栋楼道灯坏了", "B区5号楼"],
    ["@议事助手 二期北门的道闸坏了", "二期北门"],
  ])("files %s at %s, and shows it", async (report, place) => {
    const { bot } = await start();
    const [filed] = await bot.say(RESIDENTS, "u-zhang", report);
    expect(filed).toContain(`位置：${place}\n`);
    expect((await bot.ticket(1)).location.text).toBe(place);
    expect((await bot.say(RESIDENTS, "u-zhang", "进度 1"))[0]).toContain(`位置：${place}`);
  });

  it("shows the work group where an alarm is: 「B区5栋电梯困人了」", async () => {
    const { bot } = await start();
    await bot.say(RESIDENTS, "u-zhang", "@议事助手 B区5栋电梯困人了");
    expect((await staffTimeline(bot)).find((text) => text.includes("新工单 #1"))).toContain("位置：B区5号楼");
  });
});
