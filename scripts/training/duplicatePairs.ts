/**
 * The pairs the duplicate similarity learns from: the train writers' paraphrase and look-alike pairs
 * (never the test writers') and the pair tables A–D, each read by the bot as it reads a report and turned
 * into the features of duplicateFeatures.ts. Pairs the rules already tell apart (differentMatters) are left
 * out: they never reach the model.
 */
import { PAIR_FEATURES, pairFeatures } from "../../src/domain/duplicateFeatures.ts";
import { differentMatters, nobodyThereBesideDanger } from "../../src/domain/duplicates.ts";
import { pairProbability, type PairModel } from "../../src/domain/pairModel.ts";
import { readPair, type DuplicatePair } from "../evaluation/duplicatePairs.ts";
import { readTable } from "../evaluation/tables.ts";

export interface PairRow {
  writer: string;
  same: boolean;
  /** Null when the rules tell the two apart, or either side is not read as a report. */
  features: number[] | null;
  /**
   * Told apart after the open ticket's words are read (a danger now beside nobody there, nobodyThereBesideDanger):
   * never joined, but the model still learns from the pair what a danger on one side says.
   */
  partedByDanger?: boolean;
}

export const TUNING_PAIR_TABLES = ["a", "b", "c", "d"].map((table) => `duplicate-pairs-${table}.json`);

export function pairRows(pairs: readonly (DuplicatePair & { writer: string })[]): PairRow[] {
  return pairs.map((pair) => {
    const sides = readPair(pair);
    const features =
      sides && !differentMatters(sides.report, sides.ticket) ? pairFeatures(sides.ticket, { ...sides.report, text: sides.report.content }) : null;
    return { writer: pair.writer, same: pair.same, features, partedByDanger: Boolean(sides && features && nobodyThereBesideDanger(sides.report, sides.ticket)) };
  });
}

export function tablePairs(): (DuplicatePair & { writer: string })[] {
  return TUNING_PAIR_TABLES.flatMap((name) => readTable<DuplicatePair>(name).map((pair) => ({ ...pair, writer: name })));
}

/** Fits a logistic model by batch gradient descent with an L2 penalty; deterministic. */
export function fitPairModel(rows: readonly { features: readonly number[]; same: boolean }[], names: readonly string[], l2 = 0.01, epochs = 3000, rate = 0.5): Omit<PairModel, "threshold"> {
  const width = names.length;
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    for (const row of rows) {
      const error = pairProbability({ features: names, weights, bias, threshold: 0 }, row.features) - (row.same ? 1 : 0);
      for (let i = 0; i < width; i++) gradient[i]! += error * row.features[i]!;
      biasGradient += error;
    }
    for (let i = 0; i < width; i++) weights[i]! -= rate * (gradient[i]! / rows.length + l2 * weights[i]!);
    bias -= (rate * biasGradient) / rows.length;
  }
  return { features: names, weights, bias };
}

/** The rows that reach the model: those the rules do not tell apart. */
export function usableRows(rows: readonly PairRow[]): (PairRow & { features: number[] })[] {
  return rows.filter((row): row is PairRow & { features: number[] } => row.features !== null);
}

/** How surely a fitted model joins a row's pair, or null when it never may: the rules, or a danger beside nobody there, part it. */
export function rowScore(model: Omit<PairModel, "threshold">, row: PairRow): number | null {
  return row.features && !row.partedByDanger ? pairProbability({ ...model, threshold: 0 }, row.features) : null;
}

/** The pair model fitted on the writers' rows whose writer `keep` accepts, and the tables A–D. */
export function fitOnWriters(writerRows: readonly PairRow[], tableRows: readonly PairRow[], keep: (writer: string) => boolean, l2: number): Omit<PairModel, "threshold"> {
  return fitPairModel(usableRows([...writerRows.filter((row) => keep(row.writer)), ...tableRows]), PAIR_FEATURES, l2);
}
