import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readJobCommand } from "../../src/jobs/cli.ts";
import { instantRefusal, readJobInstant } from "../../src/jobs/instant.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

const NOW = new Date("2026-11-23T02:00:00Z");
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe("the instant a job runs as of, on the command line", () => {
  it("takes a job's instant up to a day ahead of the clock", () => {
    expect(readJobCommand(["sla", "--at", "2026-11-24T08:00:00+08:00"], NOW)).toMatchObject({ ok: true, name: "sla", named: true, force: false });
    expect(readJobCommand(["digest-daily"], NOW)).toEqual({ ok: true, name: "digest-daily", at: NOW, named: false, force: false });
  });

  it("refuses an instant more than a day ahead, unless the operator forces it", () => {
    for (const at of ["2099-01-01T00:00:00Z", "2026-11-24T02:00:01Z"]) {
      const command = readJobCommand(["sla", "--at", at], NOW);
      expect(command.ok).toBe(false);
      expect(!command.ok && command.message).toMatch(/晚一天以上.*--force-instant/);
    }
    // Beyond any date a deployment can mean: refused even when forced.
    expect(readJobCommand(["sla", "--at", "9999-12-31", "--force-instant"], NOW)).toEqual({
      ok: false,
      message: expect.stringContaining("2000-01-01 与 2100-01-01 之间"),
    });
    expect(readJobCommand(["sla", "--at", "2099-01-01T00:00:00Z", "--force-instant"], NOW)).toMatchObject({ ok: true, force: true });
  });

  it("refuses unreadable, extended-year and out-of-range instants with a clear message, forced or not", () => {
    for (const at of ["+275760-09-13", "-000001-01-01", "yesterday", "2026-13-01", "2026-02-30", "2026-04-31T10:00", "2026-11-24T25:00", "1e15", ""]) {
      const command = readJobCommand(["sla", `--at=${at}`, "--force-instant"], NOW);
      expect(command).toEqual({ ok: false, message: expect.stringContaining("不是有效的 ISO 时间") });
    }
    expect(readJobCommand(["sla", "--at", "1970-01-01", "--force-instant"], NOW)).toEqual({
      ok: false,
      message: expect.stringContaining("2000-01-01 与 2100-01-01 之间"),
    });
  });

  it("answers an unknown job or option with the usage", () => {
    for (const argv of [["nothing"], [], ["sla", "--when", "x"], ["sla", "extra"]]) {
      expect(readJobCommand(argv, NOW)).toEqual({ ok: false, message: expect.stringContaining("用法：npm run job") });
    }
  });

  it("refuses an instant before the deployment's first data", () => {
    const first = new Date("2026-11-20T00:00:00Z");
    expect(instantRefusal(new Date("2019-12-01T00:00:00Z"), NOW, first)).toContain("早于本部署最早的数据");
    expect(instantRefusal(new Date("2026-11-21T00:00:00Z"), NOW, first)).toBeNull();
    expect(instantRefusal(new Date("2019-12-01T00:00:00Z"), NOW, null)).toBeNull();
    expect(readJobInstant("2026-11-24T08:00:00+08:00")).toEqual({ ok: true, at: new Date("2026-11-24T00:00:00Z") });
  });
});

describe("POST /api/jobs/:name", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({ now: NOW.toISOString() });
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
  });
  afterEach(async () => {
    await t.close();
  });

  const runJob = (name: string, body: object) => t.request("POST", `/api/jobs/${name}`, { headers: auth, body });

  it("refuses with 400 and the reason an instant more than a day ahead, and changes nothing", async () => {
    const before = {
      ticket: await tables(t.database.db).ticket.findFirstOrThrow(),
      events: await tables(t.database.db).ticketEvent.count(),
      posts: await tables(t.database.db).botPost.count(),
    };
    for (const [at, reason] of [
      ["2099-01-01T00:00:00Z", /晚一天以上/],
      ["9999-12-31T00:00:00Z", /2000-01-01 与 2100-01-01 之间/],
    ] as const) {
      const response = await runJob("sla", { at });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(reason);
    }
    const after = {
      ticket: await tables(t.database.db).ticket.findFirstOrThrow(),
      events: await tables(t.database.db).ticketEvent.count(),
      posts: await tables(t.database.db).botPost.count(),
    };
    expect(after).toEqual(before);
  });

  it("answers 400, never 500, for any date it cannot take", async () => {
    for (const at of ["+275760-09-13", "+275760-09-13T00:00:00Z", "-271821-04-20", "not a date", "2026-02-31T99:00"]) {
      const response = await runJob("sla", { at, force: true });
      expect(response.status).toBe(400);
    }
  });

  it("refuses a digest of a time before the deployment's first data, and posts it when the operator forces it", async () => {
    const posts = await tables(t.database.db).botPost.count();
    const refused = await runJob("digest-monthly", { at: "2019-12-01T00:00:00Z" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("早于本部署最早的数据");
    expect(await tables(t.database.db).botPost.count()).toBe(posts);
    const forced = await runJob("digest-monthly", { at: "2019-12-01T00:00:00Z", force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.result.posted).toBeGreaterThan(0);
  });

  it("posts a period's digest once per group, ever: a rerun, another instant of the period, a second instance", async () => {
    t.clock.set("2026-12-01T01:00:00Z");
    const first = await runJob("digest-monthly", { at: "2026-12-01T01:00:00Z" });
    expect(first.status).toBe(200);
    const groups = first.body.result.posted;
    expect(groups).toBeGreaterThan(0);
    expect((await runJob("digest-monthly", {})).body.result).toEqual({ posted: 0, alreadyPosted: groups });
    t.clock.set("2026-12-20T01:00:00Z");
    expect((await runJob("digest-monthly", { at: "2026-12-15T09:00:00+08:00" })).body.result).toEqual({ posted: 0, alreadyPosted: groups });
    const second = await startTestBot({ sharing: t.database, now: "2026-12-20T01:00:00Z" });
    try {
      const response = await second.request("POST", "/api/jobs/digest-monthly", { headers: auth, body: {} });
      expect(response.body.result).toEqual({ posted: 0, alreadyPosted: groups });
    } finally {
      await second.close();
    }
    expect(await tables(t.database.db).botPost.count({ where: { text: { contains: "2026年11月" } } })).toBe(groups);
  });
});
