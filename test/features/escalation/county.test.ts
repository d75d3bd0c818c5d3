import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

const RESIDENTS = "g-yangguang";
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

/** Hands ticket 1 up to the county the way staff do: 升级 at each level. */
async function escalateToCounty() {
  for (let level = 0; level < 3; level++) {
    const ticket = await t.ticket(1);
    if (ticket.handlingUnitId === "xx-lanling") return;
    const [group, user] = ticket.handlingUnitId === "jd-chengguan" ? ["g-chengguan-staff", "u-ma"] : ["g-xingfu-staff", "u-li"];
    await t.say(group, user, "升级 1 需要上级协调");
  }
  expect((await t.ticket(1)).handlingUnitId).toBe("xx-lanling");
}

async function countyPost() {
  const posts = await tables(t.database.db).botPost.findMany({ where: { groupId: "g-lanling-staff" }, orderBy: { id: "asc" } });
  return posts.at(-1)!;
}

describe("the county's department suggestion and its notice (#18)", () => {
  it("sends a trapped lift to 市场监管 (special equipment), not 商贸旅游", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯困人了，里面有老人出不来");
    await escalateToCounty();
    expect((await countyPost()).text).toContain("建议承办部门：市场监管");
  });

  it("sends a gas smell to 城乡建设 (住建·燃气), not 卫生计生", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼2单元楼道里一股很浓的煤气味");
    await escalateToCounty();
    expect((await countyPost()).text).toContain("建议承办部门：城乡建设");
  });

  it("reads the hazard as the report was read: a voice slip (然气) and traditional characters go to 城乡建设 too", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼2單元廚房然气泄漏了 味道很大 不敢开灯");
    expect((await t.ticket(1)).colour).toBe("red");
    await escalateToCounty();
    expect((await countyPost()).text).toContain("建议承办部门：城乡建设");
  });

  it("@-s the county work group's dispatchers, and only members of that group", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await escalateToCounty();
    expect(JSON.parse((await countyPost()).mentions)).toEqual(["u-tian"]);
  });

  it("never @-s a resident in a work group", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say("g-xingfu-staff", "u-li", "升级 1 需要社区协调");
    await t.say("g-xingfu-staff", "u-li", "受理 1");
    await t.say("g-xingfu-staff", "u-li", "办结 1 已修好");
    const posts = await tables(t.database.db).botPost.findMany({ orderBy: { id: "asc" } });
    for (const post of posts.filter((entry) => entry.groupId === "g-xingfu-staff")) expect(JSON.parse(post.mentions)).not.toContain("u-zhang");
    expect(JSON.parse(posts.filter((entry) => entry.groupId === RESIDENTS).at(-1)!.mentions)).toEqual(["u-zhang"]);
  });
});
