import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledModels, MODEL_NAMES } from "../../src/bot/classifier/models.ts";
import { dangerOf, scoreChatLines } from "../../scripts/evaluation/chatLines.ts";
import { scoreDuplicatePairs } from "../../scripts/evaluation/duplicatePairs.ts";
import { understand } from "../../scripts/evaluation/tables.ts";
import { chatSplit, TEST_WRITERS } from "../../scripts/training/chatCorpus.ts";

// Floors a little below what `npm run evaluate` measures on the writers never trained on (README, "Accuracy"). The
// test writers are the eighteenth round's eight (w112–w119, written blind and read once on 2026-12-08 to judge the
// round's parts; the intents' and the duplicates' parts were kept): red 91.5% of 449 urgent lines, advice 92.4%,
// category 80.6%, colour 83.2%, intents 89.7%; false red 1.0% of ordinary complaints / 3.8% of hedged lines, possible
// danger 0.3% of ordinary complaints, 122 of 1,560 non-problems filed; duplicates 88.3% / 83.2% of 480 pairs. One of
// them, w114, types English with simple Chinese and is read red on 30 of her 56 urgent lines: the floors hold what
// the bot reads today, under the goals, not the goals. The floors of the rounds before were measured on the
// writers who are train writers now (RETIRED_TEST_WRITERS in scripts/training/chatCorpus.ts).
const FLOORS = { redRecall: 0.91, adviceRate: 0.92, category: 0.8, colour: 0.825, intentAccuracy: 0.89 };
const CEILINGS = { falseRedOrdinary: 0.015, falseRedHedged: 0.045, possibleOrdinary: 0.005, nonProblemsFiledShare: 0.08 };
const DUPLICATE_FLOORS = { precision: 0.87, recall: 0.82 };

describe("the models on the chat lines of writers never trained on", () => {
  const { test, train } = chatSplit();

  it("are split by writer: no test writer's line is a train line", () => {
    expect(new Set(test.lines.map((line) => line.writer))).toEqual(new Set(TEST_WRITERS.filter((writer) => test.lines.some((line) => line.writer === writer))));
    expect(train.lines.some((line) => (TEST_WRITERS as readonly string[]).includes(line.writer))).toBe(false);
    // Independent writers write a few lines alike (谢谢, 在吗, 「@议事助手 你是真人还是机器人」), hardly any long one;
    // the @-mention is no one's wording, so it is left out before lines are compared. The eight test writers share six
    // such lines with the train writers of 5,131.
    const words = (text: string) => text.replace(/^@议事助手\s*/, "");
    const trainTexts = new Set(train.lines.map((line) => words(line.text)));
    expect(test.lines.filter((line) => words(line.text).length > 12 && trainTexts.has(words(line.text))).length).toBeLessThanOrEqual(10);
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
