import { describe, expect, it } from "vitest";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { MODEL_DANGER_NEEDS_REPORT, readDanger } from "../../src/bot/danger.ts";
import { fixedModel } from "../helpers/fixedModel.ts";

const models = bundledModels();
// The net off: no hazard model is ever that sure.
const withoutNet = { namedHazard: 1.01 };

describe("the possible danger's safety net", () => {
  it("gives the advice of a hazard the line names when the urgency model alone is unsure", () => {
    expect(readDanger("他说要打人 我们很害怕", models)).toEqual({ hazard: "violence", safety: true, tier: "possible" });
    expect(readDanger("他说要打人 我们很害怕", models, withoutNet)).toBeNull();
  });

  it("gives it on a line that is no report when the urgency model is sure of danger", () => {
    // The second reading's model is surer still: 「火」 alone is red there (dangerSecondReading.test.ts).
    expect(readDanger("火", models, { secondRed: 1.01 })).toEqual({ hazard: "fire", safety: true, tier: "possible" });
    expect(readDanger("火", models, { ...withoutNet, secondRed: 1.01 })).toBeNull();
  });

  it("says nothing of a line that names no hazard", () => {
    expect(readDanger("在吗", models)).toBeNull();
    expect(readDanger("3号楼楼道灯不亮", models)).toBeNull();
  });
});

describe("the urgency model's gate on the intent model", () => {
  // An intent model that doubts a report (report 0.4: less than half) and an urgency model sure of danger.
  const unsure = { ...models, intent: fixedModel("intent", { report: 0.4, chatter: 0.6 }) };

  it("opens at a report or follow-up of 0.3 or more: the fifteenth round's intent model doubts some cries for help", () => {
    expect(MODEL_DANGER_NEEDS_REPORT).toBe(0.3);
    // The first reading alone (the second reading, surer still, reads this line red at either gate).
    expect(readDanger("救命 狗 追我 2单元门口", unsure, { secondRed: 1.01 })).not.toBeNull();
    expect(readDanger("救命 狗 追我 2单元门口", unsure, { dangerNeedsReport: 0.5, secondRed: 1.01 })).toBeNull();
  });
});
