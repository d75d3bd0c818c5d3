/**
 * The writers' chat corpus (training/chat/README.md), read with its split by writer: the test writers'
 * lines and pairs are never trained on nor used to choose anything; the figures on them measure new people,
 * not new lines of people the models already know.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { TRAINING_DIR } from "./corpus.ts";

/**
 * Traditional characters (陳老師), 东北 voice input (张奶奶), 湖北 Chinese numerals (老黄), a nurse (周护士),
 * 四川话 (小芳), 西北 voice in fragments (老马); w19 (老孙, 山西 voice input), written during the third
 * round of training on new train writers, read once; and w20 (杨姐, 天津话), imported after that round was
 * merged, read once; w23 (老莫, 桂柳话 voice input) and w24 (老金, Chinese as a second language), written blind
 * while the fourth round was tried and read once after the second round was kept.
 */
export const TEST_WRITERS = ["w04", "w07", "w10", "w13", "w15", "w16", "w19", "w20", "w23", "w24", "w25", "w26", "w27", "w28"] as const;

/** The test writers of the fifth round (2026-12-07), written blind and read once after its choices; reported together. */
export const FIFTH_ROUND_TEST_WRITERS = ["w25", "w26", "w27", "w28"] as const;

/** The test writers of the rounds before w19, reported apart from it so each round's figures can be compared. */
export const EARLIER_TEST_WRITERS = ["w04", "w07", "w10", "w13", "w15", "w16"] as const;

export type Urgency = "red" | "possible" | "none";

export interface ChatLine {
  id: string;
  writer: string;
  text: string;
  intent: string;
  /** For report lines; undefined otherwise. */
  category?: string;
  colour?: string;
  urgency: Urgency;
  hazard?: string;
  hedge?: string;
}

export interface ChatPair {
  writer: string;
  a: string;
  b: string;
  same: boolean;
  note: string;
}

const CHAT_DIR = new URL("chat/", TRAINING_DIR);
const dash = (value: string | undefined) => (value && value !== "-" ? value : undefined);

function rowsOf(folder: string, dir: URL): { writer: string; cells: string[] }[] {
  const url = new URL(`${folder}/`, dir);
  if (!existsSync(url)) return [];
  return readdirSync(url)
    .filter((name) => /^w\d\d\.tsv$/.test(name))
    .sort()
    .flatMap((name) =>
      readFileSync(new URL(name, url), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => ({ writer: name.slice(0, 3), cells: line.split("\t") })),
    );
}

export function isTestWriter(writer: string): boolean {
  return (TEST_WRITERS as readonly string[]).includes(writer);
}

export function chatLines(dir: URL = CHAT_DIR): ChatLine[] {
  return rowsOf("lines", dir).map(({ writer, cells: [id = "", text = "", intent = "", category, colour, urgency, hazard, hedge] }) => ({
    id,
    writer,
    text,
    intent,
    category: dash(category),
    colour: dash(colour),
    urgency: urgency === "red" || urgency === "possible" ? urgency : "none",
    hazard: dash(hazard),
    hedge: dash(hedge),
  }));
}

export function chatPairs(dir: URL = CHAT_DIR): ChatPair[] {
  return rowsOf("pairs", dir).map(({ writer, cells: [a = "", b = "", same = "", note = ""] }) => ({ writer, a, b, same: same.trim() === "1", note }));
}

/** The corpus split by writer: train (everyone else) and test (TEST_WRITERS). */
export function chatSplit(dir: URL = CHAT_DIR) {
  const lines = chatLines(dir);
  const pairs = chatPairs(dir);
  return {
    train: { lines: lines.filter((line) => !isTestWriter(line.writer)), pairs: pairs.filter((pair) => !isTestWriter(pair.writer)) },
    test: { lines: lines.filter((line) => isTestWriter(line.writer)), pairs: pairs.filter((pair) => isTestWriter(pair.writer)) },
  };
}

/** The train writers, for leave-one-writer-out choices. */
export function trainWriters(lines: readonly ChatLine[]): string[] {
  return [...new Set(lines.filter((line) => !isTestWriter(line.writer)).map((line) => line.writer))].sort();
}
