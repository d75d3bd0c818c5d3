import { describe, expect, it } from "vitest";
import { predict } from "../../src/bot/classifier/linearModel.ts";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { carriesSignOfEarlierMatter } from "../../src/bot/intents.ts";
import { MODEL_FOLLOW_UP } from "../../src/bot/understand.ts";
import { readAsTheBot, understand } from "../../scripts/evaluation/tables.ts";
import { fixedModel } from "../helpers/fixedModel.ts";

// A follow-up is answered as a chase of the sender's open matter: a new fault read as one would be folded into an
// unrelated ticket. The intent model alone may make a follow-up only of a line with a sign of an earlier matter.
describe("a new report is never taken for a follow-up by the intent model alone", () => {
  it("keeps a line naming a thing and its fault, with no sign of an earlier matter, a report", () => {
    // An intent model sure this is a follow-up (the sixth round's was): the rule, not the model, keeps it a report.
    const models = { ...bundledModels(), intent: fixedModel("intent", { follow_up: 0.95, report: 0.05 }) };
    expect(predict(models.intent, "东门的门禁刷不开了").probability).toBeGreaterThanOrEqual(MODEL_FOLLOW_UP);
    const read = (text: string) => readAsTheBot(text, { models }).kind;
    expect(read("@议事助手 东门的门禁刷不开了")).toBe("report");
    expect(read("@议事助手 门禁还是刷不开 报了三天了")).toBe("followUp");
  });

  it("still reads a real follow-up as one", () => {
    expect(understand("@议事助手 门禁还是刷不开 报了三天了").kind).toBe("followUp");
  });

  it.each([
    "门禁还是刷不开",
    "又坏了",
    "报了三天了 到底修不修",
    "上回说的路灯 有下文没",
    "琴日我话嘅车位俾人霸咗 今日都仲系嗰架车",
    "我 报 的 那个 电梯 的 事 有 人 管 没 有",
    "说好礼拜三来修 今儿礼拜五了",
    "电梯修好未啊",
    "阮报的电梯 修好了无",
    "早上港的东门道闸 现在好了 可以撤单了",
    "车位被占那个 车主挪走了 不用管了",
    "刚刚报的电梯已经好了",
  ])("%s carries a sign of an earlier matter or of waiting", (text) => {
    expect(carriesSignOfEarlierMatter(text)).toBe(true);
  });

  it.each(["东门的门禁刷不开了", "5栋楼道灯不亮", "地下车库入口积水很深", "12号楼电梯按钮按了没反应"])("%s carries none", (text) => {
    expect(carriesSignOfEarlierMatter(text)).toBe(false);
  });
});
