import { describe, expect, it } from "vitest";
import { BOT_COMMANDS } from "../../src/features/commandRegistry.ts";
import { readBareRating } from "../../src/bot/intents.ts";
import { readTable, scoreIntents, understand, type IntentRow } from "../../scripts/evaluation/tables.ts";

const suggestCommand = (text: string) => BOT_COMMANDS.reader.suggest(text);

describe("messages that are neither a command nor a new matter", () => {
  it("reads a question about one's own matter as a follow-up, not a report", () => {
    expect(understand("我上周反映的水管修好了吗").kind).toBe("followUp");
    expect(understand("我报的那个路灯到哪一步了").kind).toBe("followUp");
    // A new matter asked as a question is still a report.
    expect(understand("5栋电梯坏了好几天了 有没有人管啊").kind).toBe("report");
  });

  it("reads thanks and greetings", () => {
    expect(understand("谢谢 辛苦了👍").kind).toBe("thanks");
    expect(understand("收到").kind).toBe("thanks");
    expect(understand("你好").kind).toBe("greeting");
    expect(understand("在吗").kind).toBe("greeting");
  });

  it("suggests the command a typo meant, with the user's own arguments, and never runs it", () => {
    expect(suggestCommand("授理 2")).toBe("受理 2");
    expect(suggestCommand("受里 2")).toBe("受理 2");
    expect(suggestCommand("派担 2 物业")).toBe("派单 2 物业");
    expect(suggestCommand("办洁 2 已修好")).toBe("办结 2 已修好");
    expect(suggestCommand("博回 9 不属于物业范围")).toBe("驳回 9 不属于物业范围");
    // Without the @ too: the typo and the number address the bot.
    expect(understand("授理 2", false)).toEqual({ kind: "suggestion", command: "受理 2" });
  });

  it("does not take ordinary words or addresses for typos", () => {
    expect(suggestCommand("处理 2")).toBeNull();
    expect(suggestCommand("办理 3号楼的事")).toBeNull();
    expect(suggestCommand("受理 2")).toBeNull();
  });
});

describe("the intent tables", () => {
  it.each(["intents-a.json", "intents-b.json", "intents-c.json", "intents-d.json"])("%s (tuned on): at least 95%% right", (name) => {
    const result = scoreIntents(readTable<IntentRow>(name));
    expect(result.accuracy, result.misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });

  it("intents-e.json (unseen): at least 75% right", () => {
    const result = scoreIntents(readTable<IntentRow>("intents-e.json"));
    console.info(`unseen intents ${(result.accuracy * 100).toFixed(1)}%`);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.75);
  });
});

describe("a bare rating (#18)", () => {
  it("reads 满意, 基本满意 and 不满意 with its reason, and nothing that merely starts like one", () => {
    expect(readBareRating("满意")).toEqual({ rating: "satisfied", comment: null });
    expect(readBareRating("满意，谢谢！")).toEqual({ rating: "satisfied", comment: null });
    expect(readBareRating("基本满意")).toEqual({ rating: "basically_satisfied", comment: null });
    expect(readBareRating("不满意，楼道里还是有味道")).toEqual({ rating: "unsatisfied", comment: "楼道里还是有味道" });
    expect(readBareRating("满意度调查什么时候做")).toBeNull();
    expect(readBareRating("基本满意吧但是还有点问题")).toBeNull();
  });
});
