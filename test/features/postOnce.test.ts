import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postEachOnce, postOnce } from "../../src/features/postOnce.ts";
import { notice } from "../../src/features/posts.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

const timeline = async (groupId: string) =>
  ((await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { text: string }[]).map((m) => m.text);

describe("postOnce", () => {
  it("posts once per key, however many runs try at the same time or later", async () => {
    const now = t.clock.now();
    const post = () => postOnce(t.bot.deps, { key: "test:once" }, now, () => [notice("g-xingfu-staff", "本周周研判", null)]);
    const runs = await Promise.all([post(), post(), post()]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(await post()).toBe(false);
    expect((await timeline("g-xingfu-staff")).filter((text) => text === "本周周研判")).toHaveLength(1);
  });

  it("posts nothing, and writes nothing of its own, when the claim is not this run's", async () => {
    const now = t.clock.now();
    let composed = 0;
    const posted = await postOnce(t.bot.deps, { claim: () => Promise.resolve(false) }, now, () => {
      composed++;
      return [notice("g-xingfu-staff", "不该发出", null)];
    });
    expect(posted).toBe(false);
    expect(composed).toBe(0);
    expect(await timeline("g-xingfu-staff")).not.toContain("不该发出");
  });

  it("takes back the claim when composing the post fails, so the next run posts it", async () => {
    const now = t.clock.now();
    await expect(
      postOnce(t.bot.deps, { key: "test:retry" }, now, () => {
        throw new Error("database hiccup");
      }),
    ).rejects.toThrow("database hiccup");
    expect(await postOnce(t.bot.deps, { key: "test:retry" }, now, () => [notice("g-xingfu-staff", "补发", null)])).toBe(true);
    expect(await timeline("g-xingfu-staff")).toContain("补发");
  });
});

describe("postEachOnce", () => {
  it("posts each key's posts once, in one run for many keys, leaving out the keys claimed before", async () => {
    const now = t.clock.now();
    await postOnce(t.bot.deps, { key: "test:each:lijing" }, now, () => [notice("g-lijing", "丽景苑月复盘", null)]);
    const items = [
      { key: "test:each:staff", posts: [notice("g-xingfu-staff", "幸福社区月复盘", null)] },
      { key: "test:each:lijing", posts: [notice("g-lijing", "丽景苑月复盘", null)] },
      { key: "test:each:yangguang", posts: [notice("g-yangguang", "阳光花园月复盘", null)] },
    ];
    const runs = await Promise.all([postEachOnce(t.bot.deps, items, now), postEachOnce(t.bot.deps, items, now)]);
    expect(runs.flatMap((claimed) => [...claimed]).sort()).toEqual(["test:each:staff", "test:each:yangguang"]);
    expect([...(await postEachOnce(t.bot.deps, items, now))]).toEqual([]);
    for (const [groupId, text] of [
      ["g-xingfu-staff", "幸福社区月复盘"],
      ["g-lijing", "丽景苑月复盘"],
      ["g-yangguang", "阳光花园月复盘"],
    ] as const) {
      expect((await timeline(groupId)).filter((line) => line === text)).toHaveLength(1);
    }
  });
});
