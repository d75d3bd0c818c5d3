import { describe, expect, it } from "vitest";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { predict } from "../../src/bot/classifier/linearModel.ts";
import { trainModel } from "../../src/bot/classifier/train.ts";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { readReport } from "../../src/bot/understand.ts";
import { CATEGORY_IDS } from "../../scripts/training/recipes.ts";

describe("a report's category (nineteenth round)", () => {
  // A chat category model that reads everything as a legal matter: which model read a text shows in its category.
  const legalOnly = trainModel(
    ["合同纠纷", "律师咨询", "起诉开发商", "法律援助"].map((text) => ({ text, label: "legal" })),
    { task: "chatCategory", minDocumentFrequency: 1, epochs: 20, labels: CATEGORY_IDS },
  );
  const models = { ...bundledModels(), chatCategory: legalOnly };
  const read = (text: string) => readReport(text, text, { categories: DEFAULT_CATEGORIES, models }).category;

  it("of a chat line (under 60 characters) is the chat category model's", () => {
    expect(read("3栋电梯又坏了")).toBe("legal");
  });

  it("of a letter (60 characters or more) is the letters' model's, as it was before the chat model", () => {
    const letter =
      "尊敬的领导您好，我是某小区的业主，我们小区三号楼的电梯从上个月开始就经常坏，停在两层之间不动，物业说已经报修了但一直没人来修，老人上下楼非常不方便，希望有关部门督促物业尽快维修电梯。";
    expect(letter.length).toBeGreaterThanOrEqual(60);
    expect(read(letter)).toBe(predict(bundledModels().category, letter).label);
    expect(read(letter)).not.toBe("legal");
  });
});
