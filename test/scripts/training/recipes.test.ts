import { describe, expect, it } from "vitest";
import type { ChatLine } from "../../../scripts/training/chatCorpus.ts";
import { chatExamples, isLettersCategoryWriter } from "../../../scripts/training/recipes.ts";

const line = (writer: string, text: string, urgency: ChatLine["urgency"], hazard?: string): ChatLine => ({
  id: `${writer}-${text}`,
  writer,
  text,
  intent: "report",
  urgency,
  ...(hazard ? { hazard } : {}),
});

describe("the chat models' examples", () => {
  const lines = [line("w05", "电梯困人了 快来", "red", "lift_trapped"), line("w32", "楼道灯不亮", "none"), line("w72", "爆管 1栋门口 哗哗的", "red", "water_burst")];

  it("teach the first reading's urgency and hazard the sixth round's writers only (w01–w32), as the committed files", () => {
    const examples = chatExamples(lines, []);
    expect(examples.urgency.map((example) => example.text)).toEqual(["电梯困人了 快来", "楼道灯不亮"]);
    expect(examples.hazard).toEqual([{ text: "电梯困人了 快来", label: "lift" }]);
  });

  it("teach the second reading every writer given", () => {
    const examples = chatExamples(lines, []);
    expect(examples.secondUrgency.map((example) => example.label)).toEqual(["red", "none", "red"]);
    expect(examples.secondHazard.map((example) => example.label)).toEqual(["lift", "burstPipe"]);
    expect(examples.intent).toHaveLength(3);
  });
});

describe("the category models' writers", () => {
  it("teach the letters' model the eleventh round's writers (w01–w71), as the committed file; the chat model every writer", () => {
    expect(["w01", "w71", "w72", "w119"].filter(isLettersCategoryWriter)).toEqual(["w01", "w71"]);
  });
});
