import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ env: { BIND_OPERATORS: "sandbox:u-chen" } });
});
afterEach(async () => {
  await t.close();
});

async function roleOf(groupId: string, memberId: string): Promise<string | undefined> {
  return (await tables(t.database.db).membership.findUnique({ where: { groupId_memberId: { groupId, memberId } } }))?.role;
}

describe("role ceilings (设为)", () => {
  it("does not let a grid worker make himself secretary", async () => {
    expect(await t.say("g-yangguang", "u-wang", "设为 王网格 书记")).toEqual(["不能提升自己的角色，请由书记或管理员来设置。"]);
    expect(await roleOf("g-yangguang", "u-wang")).toBe("grid_worker");
  });

  it("does not let a grid worker make a resident a department, the property company or a secretary", async () => {
    for (const [word, label] of [
      ["部门", "部门"],
      ["物业", "物业"],
      ["书记", "书记"],
    ]) {
      const [answer] = await t.say("g-yangguang", "u-wang", `设为 张阿姨 ${word}`);
      expect(answer).toBe(`网格员只能把成员设为居民、话事员、网格员；设为${label}需要${word === "部门" ? "管理员" : "书记或管理员"}来操作。`);
    }
    expect(await roleOf("g-yangguang", "u-zhang")).toBe("resident");
  });

  it("lets a grid worker name residents, moderators and grid workers", async () => {
    expect((await t.say("g-yangguang", "u-wang", "设为 张阿姨 话事员"))[0]).toContain("已将 张阿姨 设为本群的话事员");
    expect((await t.say("g-yangguang", "u-wang", "设为 刘大爷 网格员"))[0]).toContain("已将 刘大爷 设为本群的网格员");
    expect(await roleOf("g-yangguang", "u-zhang")).toBe("moderator");
    expect(await roleOf("g-yangguang", "u-liu")).toBe("grid_worker");
  });

  it("does not let a grid worker change the role of someone above him", async () => {
    expect(await t.say("g-yangguang", "u-wang", "设为 李书记 居民")).toEqual(["李书记是本群的书记，只有同级或更高级别的工作人员、管理员可以调整其角色。"]);
    expect(await t.say("g-yangguang", "u-wang", "设为 孙物业 居民")).toEqual(["孙物业是本群的物业，只有同级或更高级别的工作人员、管理员可以调整其角色。"]);
    expect(await roleOf("g-yangguang", "u-li")).toBe("secretary");
    expect(await roleOf("g-yangguang", "u-sun")).toBe("property");
  });

  it("lets a secretary grant up to secretary, not department", async () => {
    expect((await t.say("g-yangguang", "u-li", "设为 张阿姨 物业"))[0]).toContain("已将 张阿姨 设为本群的物业");
    expect((await t.say("g-yangguang", "u-li", "设为 刘大爷 书记"))[0]).toContain("已将 刘大爷 设为本群的书记");
    expect(await t.say("g-yangguang", "u-li", "设为 陈先生 部门")).toEqual(["书记只能把成员设为居民、话事员、网格员、物业、书记；设为部门需要管理员来操作。"]);
    expect(await roleOf("g-yangguang", "u-chen")).toBe("resident");
  });

  it("lets an operator grant any role to others, but not raise his own", async () => {
    expect((await t.say("g-yangguang", "u-chen", "设为 张阿姨 部门"))[0]).toContain("已将 张阿姨 设为本群的部门");
    expect(await roleOf("g-yangguang", "u-zhang")).toBe("department");
    expect(await t.say("g-yangguang", "u-chen", "设为 陈先生 书记")).toEqual(["不能提升自己的角色，请由书记或管理员来设置。"]);
    expect(await roleOf("g-yangguang", "u-chen")).toBe("resident");
  });

  it("keeps the rule that only a secretary or department closes a complaint about the property company", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 物业服务太差了，保安不管事，投诉物业");
    const ticket = await t.ticket(1);
    expect(ticket.category).toBe("property");
    await t.say("g-yangguang", "u-wang", "设为 王网格 书记");
    await t.say("g-yangguang", "u-wang", "受理 1");
    expect((await t.say("g-yangguang", "u-wang", "办结 1 已处理"))[0]).toContain("需要书记或上级部门来操作");
    expect((await t.ticket(1)).status).not.toBe("resolved");
  });
});
