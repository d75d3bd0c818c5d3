import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { signInAs } from "../../helpers/consoleClient.ts";

const YANGGUANG = "g-yangguang";
const LIJING = "g-lijing";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
  await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了"); // #1
  await t.say(YANGGUANG, "u-liu", "@议事助手 8号楼电梯按钮坏了"); // #2
  await t.say(LIJING, "u-zhao", "@议事助手 5号楼门口垃圾没人清"); // #3
  await t.say(YANGGUANG, "u-li", "受理 1");
  await t.say(YANGGUANG, "u-li", "受理 2");
  await t.say(LIJING, "u-li", "受理 3");
  await t.say(YANGGUANG, "u-li", "积分 奖励 @张阿姨 5 调解邻里纠纷 电话13812345678");
});
afterEach(async () => {
  await t.close();
});

describe("the console's 积分", () => {
  it("ranks an estate's residents, leaving staff out, and shows another estate only to those who see it", async () => {
    const secretary = await signInAs(t, YANGGUANG, "u-li");
    const estate = await secretary.get("/console/api/points?unit=xq-yangguang");
    expect(estate.status, JSON.stringify(estate.body)).toBe(200);
    expect(estate.body.rows.map((row: any) => [row.rank, row.name, row.points])).toEqual([
      [1, "张阿姨", 7],
      [2, "刘大爷", 2],
    ]);
    const community = await secretary.get("/console/api/points?unit=sq-xingfu");
    expect(community.body.rows.map((row: any) => row.name)).toEqual(["张阿姨", "刘大爷", "赵女士"]);

    const property = await signInAs(t, YANGGUANG, "u-sun"); // 阳光花园 only
    expect((await property.get("/console/api/points?unit=xq-lijing")).status).toBe(404);
    expect((await property.get("/console/api/points")).body.rows.map((row: any) => row.name)).toEqual(["张阿姨", "刘大爷"]);
    const zhao = community.body.rows.find((row: any) => row.name === "赵女士").memberId;
    expect((await property.get(`/console/api/points/members/${zhao}`)).status).toBe(404);
  });

  it("narrows the leaderboard to a period", async () => {
    t.clock.set("2026-12-02T02:00:00Z");
    const reported = await t.say(YANGGUANG, "u-zhang", "@议事助手 小区东门外的路灯坏了好几天"); // #4
    expect(reported.join("\n")).toContain("#4");
    const accepted = await t.say(YANGGUANG, "u-li", "受理 4");
    expect(accepted.join("\n")).toContain("已受理");
    const secretary = await signInAs(t, YANGGUANG, "u-li");
    const december = await secretary.get(`/console/api/points?unit=xq-yangguang&period=${encodeURIComponent("本月")}`);
    expect(december.body.rows.map((row: any) => [row.name, row.points])).toEqual([["张阿姨", 2]]);
    expect(december.body.period.label).toBe("2026年12月");
    const november = await secretary.get("/console/api/points?unit=xq-yangguang&period=2026-11");
    expect(november.body.rows.map((row: any) => [row.name, row.points])).toEqual([
      ["张阿姨", 7],
      ["刘大爷", 2],
    ]);
    const all = await secretary.get(`/console/api/points?unit=xq-yangguang&period=${encodeURIComponent("全部")}`);
    expect(all.body.rows[0]).toMatchObject({ name: "张阿姨", points: 9 });
    expect((await secretary.get("/console/api/points?period=yesterday")).status).toBe(400);
  });

  it("shows a resident's ledger: earned, awarded and taken back, with phone numbers masked as the chat masks them", async () => {
    await t.say(YANGGUANG, "u-liu", "撤回 2");
    const secretary = await signInAs(t, YANGGUANG, "u-li");
    const rows = (await secretary.get("/console/api/points?unit=xq-yangguang")).body.rows;
    const zhang = rows.find((row: any) => row.name === "张阿姨").memberId;
    const ledger = (await secretary.get(`/console/api/points/members/${zhang}`)).body.ledger;
    expect(ledger).toMatchObject({ member: { name: "张阿姨" }, total: 7, earned: 2, awarded: 5, takenBack: 0 });
    expect(ledger.entries.map((entry: any) => [entry.kindName, entry.points, entry.awardedBy])).toEqual([
      ["工作人员奖励", 5, "李书记"],
      ["反映被受理", 2, null],
    ]);
    expect(ledger.entries[0].reason).toContain("调解邻里纠纷");
    expect(JSON.stringify(ledger)).not.toContain("13812345678");

    // 刘大爷 withdrew his report: its points were taken back, and he has left the leaderboard.
    const liuRow = (await secretary.get(`/console/api/points?unit=xq-yangguang&period=${encodeURIComponent("全部")}`)).body.rows.find(
      (row: any) => row.name === "刘大爷",
    );
    expect(liuRow).toBeUndefined();
    const members = (await t.request("GET", "/sandbox/groups")).body.groups.find((group: any) => group.id === YANGGUANG).members;
    const liu = members.find((member: any) => member.name === "刘大爷").id;
    const liuLedger = (await secretary.get(`/console/api/points/members/${liu}`)).body.ledger;
    expect(liuLedger).toMatchObject({ total: 0, earned: 2, takenBack: 2 });
  });
});
