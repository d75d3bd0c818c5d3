import { bundledModels } from "../../src/bot/classifier/models.ts";
import { topicsOf } from "../../src/bot/classifier/topics.ts";
import { findDuplicate, matchingPlace, type DuplicateCandidate, type ReportForMatching } from "../../src/domain/duplicates.ts";
import { readAsTheBot } from "./tables.ts";

export interface DuplicatePair {
  a: string;
  b: string;
  same: boolean;
  note?: string;
}

const NOW = new Date("2026-11-23T02:00:00Z");

/** The two sides of a pair as the bot sees them: the first an open ticket, the second a new report; null when either is not read as a report. */
export function readPair(pair: DuplicatePair): { ticket: DuplicateCandidate; report: ReportForMatching } | null {
  const read = (text: string) => {
    const understanding = readAsTheBot(text);
    return understanding.kind === "report" ? understanding.report : null;
  };
  const first = read(pair.a);
  const second = read(pair.b);
  if (!first || !second) return null;
  const placed = (report: NonNullable<typeof first>) => ({
    category: report.category,
    ...matchingPlace(report.location),
    danger: report.danger,
    hazard: report.hazard,
    topics: topicsOf(report.content, bundledModels()),
  });
  return {
    ticket: { number: 1, ...placed(first), text: first.content, createdAt: NOW },
    report: { ...placed(second), content: second.content },
  };
}

/**
 * Runs each pair through the bot's own path: the first message becomes an open ticket, the second is read
 * and matched against it. Returns precision and recall of "same matter" and the pairs judged wrongly.
 */
export function scoreDuplicatePairs(
  pairs: readonly DuplicatePair[],
  match: (report: ReportForMatching, ticket: DuplicateCandidate) => boolean = (report, ticket) => Boolean(findDuplicate(report, [ticket], NOW)),
) {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const wrong: string[] = [];
  for (const pair of pairs) {
    const sides = readPair(pair);
    const matched = Boolean(sides && match(sides.report, sides.ticket));
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
