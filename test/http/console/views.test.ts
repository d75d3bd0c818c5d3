import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { signInAs, type ConsoleClient } from "../../helpers/consoleClient.ts";

const RESIDENTS = "g-yangguang";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

/** PATCH and DELETE as the page sends them: the cookie, the CSRF token and the console's own origin. */
async function send(t: TestBot, client: ConsoleClient, method: "PATCH" | "DELETE", path: string, body?: unknown) {
  const response = await fetch(t.baseUrl + path, {
    method,
    headers: { cookie: client.cookie, origin: t.baseUrl, "x-console-csrf": client.csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("saved views of the board (/console/api/views)", () => {
  it("gives everyone 我的待办 (open tickets they handle) and 超期 (overdue in their units), which find those tickets", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    await t.say(RESIDENTS, "u-liu", "@议事助手 8号楼电梯按钮坏了");
    const li = await signInAs(t, RESIDENTS, "u-li");
    // 李书记 assigns #1 to herself; #2 stays unaccepted until it is overdue.
    expect((await li.post("/console/api/tickets/1/actions", { action: "assign", target: "李书记" })).body.refused).toBe(false);
    const { views } = (await li.get("/console/api/views")).body;
    expect(views).toEqual([
      { id: "mine", name: "我的待办", filters: { status: "open", handler: "李书记" }, builtIn: true },
      { id: "overdue", name: "超期", filters: { overdue: "1" }, builtIn: true },
    ]);
    const board = async (client: ConsoleClient, filters: Record<string, string>) =>
      (await client.get(`/console/api/tickets?${new URLSearchParams(filters).toString()}`)).body.tickets.map((row: { number: number }) => row.number);
    expect(await board(li, views[0].filters)).toEqual([1]);
    expect(await board(li, views[1].filters)).toEqual([]);
    // A month on (and signed in again: the session has long idled out), both are past their deadlines.
    t.clock.advance(30 * 86_400_000);
    expect((await board(await signInAs(t, RESIDENTS, "u-li"), views[1].filters)).sort()).toEqual([1, 2]);
  });

  it("saves, lists, renames and deletes a member's own views", async () => {
    const li = await signInAs(t, RESIDENTS, "u-li");
    const saved = await li.post("/console/api/views", { name: "阳光小区红色", filters: { unit: "xq-yangguang", colour: "red", status: "open" } });
    expect(saved.status).toBe(201);
    expect(saved.body.view).toEqual({
      id: expect.any(Number),
      name: "阳光小区红色",
      filters: { unit: "xq-yangguang", colour: "red", status: "open" },
      builtIn: false,
    });
    const id = saved.body.view.id;
    expect((await li.post("/console/api/views", { name: "阳光小区红色", filters: {} })).status).toBe(409);
    expect((await li.post("/console/api/views", { name: "我的待办", filters: {} })).status).toBe(409);

    const renamed = await send(t, li, "PATCH", `/console/api/views/${id}`, { name: "阳光急事" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.view).toMatchObject({ id, name: "阳光急事", filters: { unit: "xq-yangguang", colour: "red" } });
    expect((await send(t, li, "PATCH", `/console/api/views/${id}`, { filters: { overdue: "1" } })).body.view.filters).toEqual({ overdue: "1" });
    expect((await li.get("/console/api/views")).body.views.map((view: { name: string }) => view.name)).toEqual(["我的待办", "超期", "阳光急事"]);

    expect((await send(t, li, "DELETE", `/console/api/views/${id}`)).status).toBe(204);
    expect((await send(t, li, "DELETE", `/console/api/views/${id}`)).status).toBe(404);
    expect((await li.get("/console/api/views")).body.views).toHaveLength(2);
  });

  it("refuses filters the board would refuse, and a unit out of the member's reach", async () => {
    const sun = await signInAs(t, RESIDENTS, "u-sun");
    const badColour = await sun.post("/console/api/views", { name: "x", filters: { colour: "purple" } });
    expect(badColour.status).toBe(400);
    expect((await sun.post("/console/api/views", { name: "x", filters: { sort: "deadline" } })).status).toBe(400);
    expect((await sun.post("/console/api/views", { name: " ", filters: {} })).status).toBe(400);
    // 孙物业 is property staff of 阳光小区 only: 丽景 is not hers to see.
    const outOfReach = await sun.post("/console/api/views", { name: "丽景", filters: { unit: "xq-lijing" } });
    expect(outOfReach.status).toBe(404);
  });

  it("keeps each member's views their own: another member neither sees nor changes them", async () => {
    const li = await signInAs(t, RESIDENTS, "u-li");
    const sun = await signInAs(t, RESIDENTS, "u-sun");
    const { id } = (await li.post("/console/api/views", { name: "书记的", filters: { colour: "red" } })).body.view;
    expect((await sun.get("/console/api/views")).body.views.map((view: { name: string }) => view.name)).toEqual(["我的待办", "超期"]);
    expect((await send(t, sun, "PATCH", `/console/api/views/${id}`, { name: "改了" })).status).toBe(404);
    expect((await send(t, sun, "DELETE", `/console/api/views/${id}`)).status).toBe(404);
    // The same name is free for another member.
    expect((await sun.post("/console/api/views", { name: "书记的", filters: {} })).status).toBe(201);
    expect((await li.get("/console/api/views")).body.views.at(-1)).toMatchObject({ id, name: "书记的", filters: { colour: "red" } });
  });

  it("needs the session's CSRF token to change a view", async () => {
    const li = await signInAs(t, RESIDENTS, "u-li");
    expect((await li.post("/console/api/views", { name: "x", filters: {} }, { "x-console-csrf": "wrong" })).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/console/api/views`)).status).toBe(401);
  });
});
