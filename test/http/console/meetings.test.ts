import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { signInAs } from "../../helpers/consoleClient.ts";

const YANGGUANG = "g-yangguang";
const LIJING = "g-lijing";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
  // 陈先生 becomes 阳光花园's secretary (and nothing else): estate A's staff.
  const granted = await t.request("PUT", `/api/groups/${YANGGUANG}/members`, { headers: auth, body: { platformUserId: "u-chen", role: "secretary" } });
  expect(granted.status, JSON.stringify(granted.body)).toBeLessThan(300);
  await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼门口想装电动车充电桩");
  await t.say(YANGGUANG, "u-li", "新建议事会 11月25日19:30 社区活动室 讨论充电桩安装"); // #1
  await t.say(LIJING, "u-li", "新建议事会 11月26日19:00 丽景苑凉亭 讨论垃圾分类"); // #2
  await t.say(YANGGUANG, "u-li", "上会 1");
});
afterEach(async () => {
  await t.close();
});

/** The group's timeline lines typed by someone, in order. */
async function typedBy(groupId: string, name: string): Promise<string[]> {
  const timeline = (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages;
  return timeline.filter((entry: any) => entry.type === "message" && entry.memberName === name).map((entry: any) => entry.text);
}

describe("the console's 议事会", () => {
  it("shows a secretary of estate 阳光花园 only its meetings: 丽景苑's are neither listed, opened nor acted on", async () => {
    const secretary = await signInAs(t, YANGGUANG, "u-chen");
    const month = await secretary.get("/console/api/meetings?month=2026-11");
    expect(month.status, JSON.stringify(month.body)).toBe(200);
    expect(month.body.meetings.map((meeting: any) => meeting.number)).toEqual([1]);
    expect((await secretary.get("/console/api/meetings/2")).status).toBe(404);
    expect((await secretary.post("/console/api/meetings/2/actions", { action: "cancel", reason: "场地占用" })).status).toBe(404);
    expect((await secretary.get("/console/api/meetings?unit=xq-lijing")).status).toBe(404);
    expect((await t.request("GET", "/api/meetings/2", { headers: auth })).body.meeting.status).toBe("scheduled");

    // The community's secretary sees both estates' meetings, each with its counts.
    const community = await signInAs(t, YANGGUANG, "u-li");
    const both = await community.get("/console/api/meetings?month=2026-11");
    expect(both.body.meetings.map((meeting: any) => [meeting.number, meeting.estate, meeting.stageName, meeting.items])).toEqual([
      [1, "阳光花园", "未开始", 1],
      [2, "丽景苑", "未开始", 0],
    ]);
    expect((await community.get("/console/api/meetings?month=2026-12")).body.meetings).toEqual([]);
    expect((await community.get("/console/api/meetings?month=2026-13")).status).toBe(400);
    expect((await community.get("/console/api/meetings?week=1")).status).toBe(400);
  });

  it("shows a meeting's agenda with its ticket, sign-ups, attendance, decisions and their follow-up", async () => {
    await t.say(YANGGUANG, "u-zhang", "报名 1");
    t.clock.advance(60_000);
    await t.say(YANGGUANG, "u-liu", "报名 1");
    t.clock.set("2026-11-25T11:40:00Z"); // 19:40 in Beijing: the meeting has started
    await t.say(YANGGUANG, "u-zhou", "签到 1 @张阿姨");
    await t.say(YANGGUANG, "u-zhou", "决议 1 1 同意安装充电桩 负责人:孙物业 期限:12月20日");
    const client = await signInAs(t, YANGGUANG, "u-li");
    const page = await client.get("/console/api/meetings/1");
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const { meeting } = page.body;
    expect(meeting).toMatchObject({
      number: 1,
      estate: "阳光花园",
      place: "社区活动室",
      stageName: "进行中",
      publication: "unpublished",
      roleHere: "secretary",
    });
    expect(meeting.agenda).toEqual([
      expect.objectContaining({
        seq: 1,
        ticketNumber: 1,
        ticket: expect.objectContaining({ number: 1, visible: true }),
        decision: "同意安装充电桩",
        owner: "孙物业",
        followUp: "decided",
        followUpName: "待落实",
      }),
    ]);
    expect(meeting.signUps.map((row: any) => row.name)).toEqual(["张阿姨", "刘大爷"]);
    expect(meeting.attendance).toEqual([expect.objectContaining({ name: "张阿姨", checkedInBy: "周话事" })]);

    t.clock.set("2026-12-21T02:00:00Z"); // past the due date, not carried out
    const later = await signInAs(t, YANGGUANG, "u-li");
    expect((await later.get("/console/api/meetings/1")).body.meeting.agenda[0].followUpName).toBe("逾期未落实");
    expect((await later.get("/console/api/meetings/1")).body.meeting.stageName).toBe("已召开");
  });

  it("publishes decisions and records their follow-up through the chat's commands: same rules, history and posts", async () => {
    t.clock.set("2026-11-25T11:40:00Z");
    const chair = await signInAs(t, YANGGUANG, "u-zhou"); // 周话事, the estate's moderator

    // Before any decision, 公示 is refused with the chat's words.
    const early = await chair.post("/console/api/meetings/1/actions", { action: "publish" });
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ command: "公示 1", refused: true });
    expect(early.body.replies).toEqual(await t.say(YANGGUANG, "u-zhou", "公示 1"));

    const decided = await chair.post("/console/api/meetings/1/actions", {
      action: "decide",
      item: 1,
      decision: "同意安装充电桩",
      owner: "孙物业",
      due: "12月20日",
    });
    expect(decided.body).toMatchObject({ command: "决议 1 1 同意安装充电桩 负责人:孙物业 期限:12月20日", refused: false });
    const published = await chair.post("/console/api/meetings/1/actions", { action: "publish" });
    expect(published.body.refused).toBe(false);
    expect(published.body.replies.join("\n")).toContain("同意安装充电桩");
    expect((await chair.get("/console/api/meetings/1")).body.meeting.publication).toBe("published");

    const done = await chair.post("/console/api/meetings/1/actions", { action: "followUp", item: 1, note: "充电桩已安装投用" });
    expect(done.body).toMatchObject({ command: "落实 1 1 充电桩已安装投用", refused: false });
    expect((await chair.get("/console/api/meetings/1")).body.meeting.agenda[0]).toMatchObject({ followUp: "done", doneNote: "充电桩已安装投用" });
    // 落实 of a decision on a ticket resolves it, as in the chat, and the file says who did it.
    const ticket = await t.ticket(1);
    expect(ticket.status).toBe("resolved");
    expect(ticket.history.map((event: any) => event.actor.name)).toContain("周话事");
    // The group sees the commands as typed by her.
    expect(await typedBy(YANGGUANG, "周话事")).toEqual([
      "工作台",
      "公示 1",
      "公示 1",
      "决议 1 1 同意安装充电桩 负责人:孙物业 期限:12月20日",
      "公示 1",
      "落实 1 1 充电桩已安装投用",
    ]);
  });

  it("refuses what the chat refuses its sender, and a step from someone not in the meeting's group", async () => {
    t.clock.set("2026-11-25T11:40:00Z");
    // 孙物业 (the property company) is not the chair: 决议 is refused with the chat's words.
    const property = await signInAs(t, YANGGUANG, "u-sun");
    const refused = await property.post("/console/api/meetings/1/actions", { action: "decide", item: 1, decision: "同意" });
    expect(refused.body.refused).toBe(true);
    expect(refused.body.replies).toEqual(await t.say(YANGGUANG, "u-sun", "决议 1 1 同意"));
    // 马主任 (the sub-district) sees the meeting but is in no group where its commands are taken.
    const above = await signInAs(t, "g-chengguan-staff", "u-ma");
    expect((await above.get("/console/api/meetings/1")).status).toBe(200);
    expect((await above.post("/console/api/meetings/1/actions", { action: "publish" })).status).toBe(409);
    // A change without the CSRF token is refused before anything runs.
    expect((await property.post("/console/api/meetings/1/actions", { action: "publish" }, { "x-console-csrf": "wrong" })).status).toBe(403);
    expect((await property.post("/console/api/meetings/1/actions", { action: "dance" })).status).toBe(400);
    expect((await t.request("GET", "/api/meetings/1", { headers: auth })).body.meeting.agenda[0].decision).toBeNull();
  });
});
