import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledModels, MODEL_NAMES } from "../../src/bot/classifier/models.ts";
import { dangerOf, scoreChatLines } from "../../scripts/evaluation/chatLines.ts";
import { scoreDuplicatePairs } from "../../scripts/evaluation/duplicatePairs.ts";
import { understand } from "../../scripts/evaluation/tables.ts";
import { chatSplit, TEST_WRITERS } from "../../scripts/training/chatCorpus.ts";

// Floors a little below what `npm run evaluate` measures on the writers never trained on (README, "Accuracy"). The
// test writers are the twentieth round's eight (w128–w135, written blind and read once on 2026-12-08 to judge the
// round's parts; neither was kept): red 70.2% of 449 urgent lines, advice 71.3%, category 57.3%, colour 58.4%, intents
// 66.4%; false red 1.0% of ordinary complaints / 3.7% of hedged lines, possible danger 0.5% of ordinary complaints, 96
// of 1,584 non-problems filed; duplicates 87.8% / 56.4% of 480 pairs. Three of them are hardly read: w128 types only
// English (red on 12 of her 56 urgent lines), w129 toneless pinyin (14 of 57), w131 English with German (15 of 56); the
// four typing Chinese are read red on 222 of 224. The floors hold what the bot reads today, under the goals,
// not the goals. The floors of the rounds before were measured on the writers who are train writers now
// (RETIRED_TEST_WRITERS in scripts/training/chatCorpus.ts).
const FLOORS = { redRecall: 0.7, adviceRate: 0.71, category: 0.57, colour: 0.58, intentAccuracy: 0.66 };
const CEILINGS = { falseRedOrdinary: 0.012, falseRedHedged: 0.045, possibleOrdinary: 0.006, nonProblemsFiledShare: 0.07 };
const DUPLICATE_FLOORS = { precision: 0.87, recall: 0.56 };

describe("the models on the chat lines of writers never trained on", () => {
  const { test, train } = chatSplit();

  it("are split by writer: no test writer's line is a train line", () => {
    expect(new Set(test.lines.map((line) => line.writer))).toEqual(new Set(TEST_WRITERS.filter((writer) => test.lines.some((line) => line.writer === writer))));
    expect(train.lines.some((line) => (TEST_WRITERS as readonly string[]).includes(line.writer))).toBe(false);
    // Independent writers write a few lines alike (谢谢, 在吗, 「@议事助手 你是真人还是机器人」), hardly any long one;
    // the @-mention is no one's wording, so it is left out before lines are compared. The eight test writers share 14
    // such lines with the train writers of 5,128: half of them short pinyin (「xie xie wu ye shi fu」, 「ni shi zhen ren ma」)
    // that an earlier pinyin writer typed alike, the rest 「这个助手是物业的还是社区的」 and its kind.
    const words = (text: string) => text.replace(/^@议事助手\s*/, "");
    const trainTexts = new Set(train.lines.map((line) => words(line.text)));
    expect(test.lines.filter((line) => words(line.text).length > 12 && trainTexts.has(words(line.text))).length).toBeLessThanOrEqual(15);
  });

  it("load, each its own task", () => {
    const models = bundledModels();
    for (const name of MODEL_NAMES) expect(models[name].task).toBe(name);
    expect(models.urgency.labels).toEqual(["none", "possible", "red"]);
  });

  it("read them above fixed floors", () => {
    const score = scoreChatLines(test.lines);
    expect(score.urgent).toBeGreaterThanOrEqual(440);
    for (const [name, floor] of Object.entries(FLOORS)) expect(score[name as keyof typeof FLOORS], name).toBeGreaterThanOrEqual(floor);
    expect(score.falseRedOrdinary).toBeLessThanOrEqual(CEILINGS.falseRedOrdinary);
    expect(score.falseRedHedged).toBeLessThanOrEqual(CEILINGS.falseRedHedged);
    expect(score.possibleOrdinary).toBeLessThanOrEqual(CEILINGS.possibleOrdinary);
    expect(score.nonProblemsFiled / score.nonProblems).toBeLessThanOrEqual(CEILINGS.nonProblemsFiledShare);
  }, 120_000);

  it("join their same-matter pairs and keep their look-alikes apart above fixed floors", () => {
    const pairs = scoreDuplicatePairs(test.pairs);
    expect(pairs.pairs).toBeGreaterThanOrEqual(470);
    expect(pairs.precision).toBeGreaterThanOrEqual(DUPLICATE_FLOORS.precision);
    expect(pairs.recall).toBeGreaterThanOrEqual(DUPLICATE_FLOORS.recall);
  }, 120_000);
});

interface HazardRow {
  text: string;
  hazard: string;
  red: boolean;
}

describe("every hazard in several phrasings is red, and its hedged twins are not", () => {
  const rows = JSON.parse(readFileSync(new URL("../fixtures/understanding/hazard-regression.json", import.meta.url), "utf8")) as HazardRow[];
  it.each(rows)("$text → red: $red", (row) => {
    const got = understand(row.text);
    expect(dangerOf(got).tier === "red").toBe(row.red);
  });
});
