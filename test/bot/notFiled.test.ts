import { describe, expect, it } from "vitest";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { fixedModel, otherIntents } from "../helpers/fixedModel.ts";
import { readAsTheBot } from "../../scripts/evaluation/tables.ts";

// The intent model leans to chatter but doubts too little to overrule a report (1 − 0.25 < MODEL_NOT_A_REPORT);
// the urgency model finds the line calm.
const models = {
  ...bundledModels(),
  intent: fixedModel("intent", { report: 0.25, chatter: 0.5, ...otherIntents(0.25 / 8) }),
  urgency: fixedModel("urgency", { red: 0.01, possible: 0.01, none: 0.98 }),
};
const read = (text: string, vagueReport?: number) => readAsTheBot(text, { models, thresholds: vagueReport === undefined ? {} : { vagueReport } });

describe("a vague line the intent model does not take for a report", () => {
  it("is answered by the model's best other reading (here a hint), not filed", () => {
    expect(read("@议事助手 明天要下暴雨 阳台花盆收一收 车可以挪到地面上")).toEqual({ kind: "unclear", gibberish: false });
    expect(read("@议事助手 明天要下暴雨 阳台花盆收一收 车可以挪到地面上", 0).kind).toBe("report");
  });

  it("is still filed when it names a known thing or a fault", () => {
    expect(read("@议事助手 3号楼楼道灯不亮了").kind).toBe("report");
    expect(read("@议事助手 明天要下暴雨 我家阳台一直漏水").kind).toBe("report");
  });
});

describe("what the rules know is not a matter, whatever the intent model reads", () => {
  // An intent model sure of a report: only the rules keep these lines from being filed.
  const sure = { ...models, intent: fixedModel("intent", { report: 0.93, chatter: 0.03, ...otherIntents(0.04 / 8) }) };
  const readSure = (text: string) => readAsTheBot(text, { models: sure });

  it.each([
    "@议事助手 在南门长椅上捡到一个黑色钱包 已经放保安亭了",
    "@议事助手 1.明天上午9:00-12:00 6栋水箱清洗 2.期间6栋停水 请提前储水",
    "@议事助手 刚才南门吵架那两个已经被保安劝走了 没人受伤 大家放心",
  ])("%s → not filed", (text) => {
    expect(readSure(text)).toEqual({ kind: "unclear", gibberish: false });
  });

  it("a line naming a thing and its fault is filed", () => {
    expect(readSure("@议事助手 快递柜坏了 取不出来").kind).toBe("report");
  });
});

describe("what the intent model may not overrule", () => {
  const readWith = (intent: Record<string, number>, text: string) => readAsTheBot(text, { models: { ...models, intent: fixedModel("intent", intent) } });
  const chatter = { chatter: 0.97, report: 0.02, ...otherIntents(0.01 / 8) };
  const announcement = { meeting_announcement: 0.96, report: 0.02, chatter: 0.02 };

  it("a warning to the group that names a thing and its fault stays a report, however sure the model is of chatter", () => {
    expect(readWith(chatter, "@议事助手 大家注意 5栋电梯今天老是坏").kind).toBe("report");
    expect(readWith(chatter, "@议事助手 大家注意 5栋电梯今天老是急停").kind).toBe("report");
    expect(readWith(chatter, "@议事助手 今天降温了 大家注意保暖 电梯里也冷")).toEqual({ kind: "unclear", gibberish: false });
  });

  it("a meeting told of as already held is read for its matter, not as an announcement", () => {
    expect(readWith(announcement, "@议事助手 上周六下午3点在活动室开了协调会，说好的修路灯到现在也没人来修").kind).toBe("report");
    expect(readWith(announcement, "@议事助手 下周三晚上七点半在社区活动室开议事会，商量一下电动车充电桩的事").kind).toBe("meetingAnnouncement");
  });
});
