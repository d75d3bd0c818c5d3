import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { BOT_COMMANDS } from "../../src/features/commandRegistry.ts";
import { understandMessage } from "../../src/bot/understand.ts";
import { findDuplicate } from "../../src/domain/duplicates.ts";

export interface DuplicatePair {
  a: string;
  b: string;
  same: boolean;
  note?: string;
}

/**
 * Runs each pair through the bot's own path: the first message becomes an open ticket, the second is read
 * and matched against it. Returns precision and recall of "same matter" and the pairs judged wrongly.
 */
export function scoreDuplicatePairs(pairs: readonly DuplicatePair[]) {
  const now = new Date("2026-11-23T02:00:00Z");
  const read = (text: string) => {
    const understanding = understandMessage(text, { botName: "议事助手", commands: BOT_COMMANDS.reader, categories: DEFAULT_CATEGORIES, addressed: true });
    return understanding.kind === "report" ? understanding.report : null;
  };
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const wrong: string[] = [];
  for (const pair of pairs) {
    const first = read(pair.a);
    const second = read(pair.b);
    const matched = Boolean(
      first &&
      second &&
      findDuplicate(
        {
          category: second.category,
          building: second.location.building ?? null,
          unitNo: second.location.unitNo ?? null,
          room: second.location.room ?? null,
          phase: second.location.phase ?? null,
          zone: second.location.zone ?? null,
          spot: second.location.spot ?? null,
          content: second.content,
        },
        [
          {
            number: 1,
            category: first.category,
            building: first.location.building ?? null,
            unitNo: first.location.unitNo ?? null,
            room: first.location.room ?? null,
            phase: first.location.phase ?? null,
            zone: first.location.zone ?? null,
            spot: first.location.spot ?? null,
            text: first.content,
            createdAt: now,
          },
        ],
        now,
      ),
    );
    if (matched && pair.same) truePositives++;
    if (matched && !pair.same) falsePositives++;
    if (!matched && pair.same) falseNegatives++;
    if (matched !== pair.same) wrong.push(`${pair.same ? "missed" : "wrongly joined"}: ${pair.a} ｜ ${pair.b}`);
  }
  return {
    pairs: pairs.length,
    precision: truePositives + falsePositives ? truePositives / (truePositives + falsePositives) : 1,
    recall: truePositives + falseNegatives ? truePositives / (truePositives + falseNegatives) : 1,
    wrong,
  };
}
