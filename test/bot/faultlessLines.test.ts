import { describe, expect, it } from "vitest";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { understandMessage, type Thresholds } from "../../src/bot/understand.ts";
import { BOT_COMMANDS } from "../../src/features/commandRegistry.ts";
import { fixedModel, otherIntents } from "../helpers/fixedModel.ts";
import { readAsTheBot } from "../../scripts/evaluation/tables.ts";

// An intent model that leans to chatter and all but rules out a report (0.03), yet is not sure enough of the chatter
// (0.6 < MODEL_NOT_A_REPORT) to overrule the keyword lists on its own.
const models = {
  ...bundledModels(),
  intent: fixedModel("intent", { report: 0.03, chatter: 0.6, ...otherIntents(0.37 / 8) }),
  urgency: fixedModel("urgency", { red: 0.01, possible: 0.01, none: 0.98 }),
};
const read = (text: string, thresholds: Partial<Thresholds> = {}) => readAsTheBot(text, { models, thresholds });

describe("a line that names a thing but no fault of it, which the intent model all but rules out as a report", () => {
  it("is its other reading (here chatter), not filed", () => {
    const text = "@议事助手 有人要二手电动车电池冇 48V的";
    expect(read(text)).toEqual({ kind: "unclear", gibberish: false });
    expect(read(text, { faultlessReport: 0 }).kind).toBe("report");
  });

  it("is filed when it is nothing but the thing's name, a terse report", () => {
    expect(read("@议事助手 楼道灯").kind).toBe("report");
    expect(read("电梯").kind).toBe("report");
  });

  it("is filed when it names a fault, or the thing keeps going wrong", () => {
    expect(read("@议事助手 3号楼电梯坏了").kind).toBe("report");
    expect(read("@议事助手 5栋电梯老是急停").kind).toBe("report");
  });
});

describe("a line that names no known thing, which the intent model all but rules out as a report", () => {
  // The model leans to a follow-up, too little to be sure of it (0.6 < MODEL_FOLLOW_UP): without the rule the fault word files it.
  const leaning = { ...models, intent: fixedModel("intent", { report: 0.03, follow_up: 0.6, chatter: 0.37 }) };
  const readLeaning = (text: string, thresholds: Partial<Thresholds> = {}) =>
    understandMessage(text, {
      botName: "议事助手",
      commands: BOT_COMMANDS.reader,
      categories: DEFAULT_CATEGORIES,
      addressed: true,
      models: leaning,
      thresholds,
    });

  it("is its other reading whatever fault word it carries (a chase of a number that does not answer)", () => {
    const text = "@议事助手 工单显示派给张师傅了 张师傅电话打不通";
    expect(readLeaning(text).kind).toBe("followUp");
    expect(readLeaning(text, { thinglessReport: 0 }).kind).toBe("report");
  });
});

describe("a danger is never held by the intent model's doubt", () => {
  it("keeps its red and its report", () => {
    const danger = { ...models, urgency: fixedModel("urgency", { red: 0.98, possible: 0.01, none: 0.01 }) };
    const got = understandMessage("@议事助手 3栋电梯关人了 快来", {
      botName: "议事助手",
      commands: BOT_COMMANDS.reader,
      categories: DEFAULT_CATEGORIES,
      addressed: true,
      models: danger,
    });
    expect(got.kind).toBe("report");
    if (got.kind === "report") expect(got.report.danger).toBe("red");
  });
});
