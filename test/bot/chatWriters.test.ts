import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledModels, MODEL_NAMES } from "../../src/bot/classifier/models.ts";
import { dangerOf, scoreChatLines } from "../../scripts/evaluation/chatLines.ts";
import { scoreDuplicatePairs } from "../../scripts/evaluation/duplicatePairs.ts";
import { understand } from "../../scripts/evaluation/tables.ts";
import { chatSplit, TEST_WRITERS } from "../../scripts/training/chatCorpus.ts";

// Floors a little below what `npm run evaluate` measures on the writers never trained on (README, "Accuracy"). The
// test writers are the nineteenth round's eight (w120–w127, written blind and read once on 2026-12-08 to judge the
// round's parts; the duplicates' and the category's parts were kept): red 79.7% of 448 urgent lines, advice 79.9%,
// category 69.3%, colour 70.1%, intents 78.4%; false red 0.9% of ordinary complaints / 5.2% of hedged lines, possible
// danger 0.4% of ordinary complaints, 106 of 1,631 non-problems filed; duplicates 92.6% / 67.5% of 480 pairs. Two of
// them are hardly read: w120 types English (red on 16 of his 56 urgent lines) and w126 toneless pinyin (7 of 56); the
// six others are read red on 334 of 336. The floors hold what the bot reads today, under the goals, not the
// goals. The floors of the rounds before were measured on the writers who are train writers now
// (RETIRED_TEST_WRITERS in scripts/training/chatCorpus.ts).
const FLOORS = { redRecall: 0.79, adviceRate: 0.79, category: 0.68, colour: 0.695, intentAccuracy: 0.78 };
const CEILINGS = { falseRedOrdinary: 0.012, falseRedHedged: 0.06, possibleOrdinary: 0.006, nonProblemsFiledShare: 0.07 };
const DUPLICATE_FLOORS = { precision: 0.92, recall: 0.67 };

describe("the models on the chat lines of writers never trained on", () => {
  const { test, train } = chatSplit();

  it("are split by writer: no test writer's line is a train line", () => {
    expect(new Set(test.lines.map((line) => line.writer))).toEqual(new Set(TEST_WRITERS.filter((writer) => test.lines.some((line) => line.writer === writer))));
    expect(train.lines.some((line) => (TEST_WRITERS as readonly string[]).includes(line.writer))).toBe(false);
    // Independent writers write a few lines alike (谢谢, 在吗, 「@议事助手 你是真人还是机器人」), hardly any long one;
    // the @-mention is no one's wording, so it is left out before lines are compared. The eight test writers share 12
    // such lines with the train writers of 5,126 (「这个机器人是物业的还是社区的」, 「物业经理换了三个了 一个比一个不管事」, …).
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
