import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readinessOf } from "../../../src/http/health.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { signInAs } from "../../helpers/consoleClient.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const OPERATOR_PAGES = ["/console/api/operators/outbox", "/console/api/operators/groups", "/console/api/operators/connections"];

let t: TestBot;
interceptOutboundHttp();

beforeEach(async () => {
  // 马主任 is an operator, as the chat knows them: BIND_OPERATORS names her platform and user id.
  t = await startTestBot({ env: { WECOM_API_BASE: "https://wecom.test", BIND_OPERATORS: "sandbox:u-ma" } });
});
afterEach(async () => {
  await t.close();
});

/** A WeCom work group for the community with no robot key yet: its alerts die as permanent failures. */
async function bindKeylessGroup(pushKey?: string) {
  const bound = await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "wecom", chatId: "wrkStaff", unitId: "sq-xingfu", kind: "staff", name: "社区企微工作群", ...(pushKey ? { pushKey } : {}) },
  });
  expect(bound.status, JSON.stringify(bound.body)).toBeLessThan(300);
  return bound.body.group.id as string;
}

describe("the console's operators' pages", () => {
  it("answers 403 to anyone not named in BIND_OPERATORS, and changes nothing for them", async () => {
    const groupId = await bindKeylessGroup();
    await t.say("g-yangguang", "u-zhang", "@议事助手 8号楼电梯困人了");
    await t.bot.outbox.runOnce();
    const secretary = await signInAs(t, "g-yangguang", "u-li");
    for (const path of [...OPERATOR_PAGES, `/console/api/operators/outbox/${groupId}`]) expect((await secretary.get(path)).status, path).toBe(403);
    expect((await secretary.post(`/console/api/operators/outbox/${groupId}/retry`, {})).status).toBe(403);
    expect((await t.request("GET", "/api/outbox?status=dead", { headers: auth })).body.items).toHaveLength(1);
    expect((await secretary.get("/console/api/me")).body.operator).toBe(false);
    const operator = await signInAs(t, "g-chengguan-staff", "u-ma");
    expect((await operator.get("/console/api/me")).body.operator).toBe(true);
    for (const path of OPERATOR_PAGES) expect((await operator.get(path)).status, path).toBe(200);
  });

  it("tells the page which tabs to draw: a secretary the unit pages, an operator who is also staff 运维 too", async () => {
    const unitPages = ["board", "stats", "meetings", "points", "rewards"];
    const secretary = await signInAs(t, "g-yangguang", "u-li");
    expect((await secretary.get("/console/api/me")).body.pages.map((page: { id: string }) => page.id)).toEqual(unitPages);
    const operator = await signInAs(t, "g-chengguan-staff", "u-ma");
    const { pages } = (await operator.get("/console/api/me")).body;
    expect(pages.map((page: { id: string }) => page.id)).toEqual([...unitPages, "ops"]);
    expect(pages.at(-1)).toEqual({ id: "ops", name: "运维" });
  });

  it("shows the outbox by group with dead letters by kind, and retries a group's dead letters, which are then delivered", async () => {
    const groupId = await bindKeylessGroup();
    await t.say("g-yangguang", "u-zhang", "@议事助手 8号楼电梯困人了");
    expect((await t.bot.outbox.runOnce()).dead).toBe(1);
    const operator = await signInAs(t, "g-chengguan-staff", "u-ma");

    const overview = await operator.get("/console/api/operators/outbox");
    const row = overview.body.groups.find((group: any) => group.groupId === groupId);
    expect(row).toMatchObject({ groupName: "社区企微工作群", platform: "wecom", pending: 0, paused: 0, dead: 1 });
    expect(row.deadByKind).toEqual([{ kind: "permanent", name: "永久失败", count: 1 }]);
    const letters = await operator.get(`/console/api/operators/outbox/${groupId}`);
    expect(letters.body.posts).toEqual([expect.objectContaining({ status: "dead", failure: "permanent", failureName: "永久失败", ticketNumber: 1 })]);

    // The key is added, then the group's dead letters are retried from the console.
    await bindKeylessGroup("now-set");
    const push = nock("https://wecom.test").post("/cgi-bin/webhook/send").query({ key: "now-set" }).reply(200, { errcode: 0 });
    const retried = await operator.post(`/console/api/operators/outbox/${groupId}/retry`, {});
    expect(retried).toMatchObject({ status: 200, body: { requeued: 1 } });
    expect((await operator.get("/console/api/operators/outbox")).body.groups.find((group: any) => group.groupId === groupId)).toMatchObject({
      pending: 1,
      dead: 0,
    });
    expect((await t.bot.outbox.runOnce()).sent).toBe(1);
    expect(push.isDone()).toBe(true);
    expect((await operator.post(`/console/api/operators/outbox/${groupId}/retry`, {})).body.requeued).toBe(0);
    expect((await operator.post("/console/api/operators/outbox/g-nowhere/retry", {})).status).toBe(404);
    expect((await operator.post(`/console/api/operators/outbox/${groupId}/retry`, {}, { "x-console-csrf": "wrong" })).status).toBe(403);
  });

  it("lists the groups with their units and roles, never their credentials, and the platforms' connections as /readyz sees them", async () => {
    await bindKeylessGroup("secret-key");
    const operator = await signInAs(t, "g-chengguan-staff", "u-ma");
    const groups = (await operator.get("/console/api/operators/groups")).body.groups;
    expect(groups.find((group: any) => group.id === "g-yangguang")).toMatchObject({
      kind: "residents",
      platform: "sandbox",
      unit: "兰陵县 / 城关街道 / 幸福社区 / 阳光花园",
      roles: { secretary: 1, grid_worker: 1, moderator: 1, property: 1, resident: 3 },
    });
    const wecom = groups.find((group: any) => group.platform === "wecom");
    expect(wecom).toMatchObject({ name: "社区企微工作群", unit: "兰陵县 / 城关街道 / 幸福社区", pushConfigured: true });
    expect(JSON.stringify(groups)).not.toContain("secret-key");

    let reason: string | undefined = "reconnecting (attempt 2)";
    readinessOf(t.bot.app).connections.push({ name: "fake stream", downReason: () => reason });
    const down = (await operator.get("/console/api/operators/connections")).body;
    expect(down.platforms.map((platform: any) => platform.name)).toEqual(expect.arrayContaining(["sandbox", "wecom"]));
    expect(down.connections).toEqual([{ name: "fake stream", state: "down", stateName: "已断开", reason: "reconnecting (attempt 2)" }]);
    expect((await t.request("GET", "/readyz")).status).toBe(503);
    reason = undefined;
    expect((await operator.get("/console/api/operators/connections")).body.connections[0]).toMatchObject({ state: "up", stateName: "已连接" });
  });
});
