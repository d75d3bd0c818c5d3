/**
 * The writers' chat corpus (training/chat/README.md), read with its split by writer: the test writers'
 * lines and pairs are never trained on nor used to choose anything; the figures on them measure new people,
 * not new lines of people the models already know.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { TRAINING_DIR } from "./corpus.ts";

/**
 * The twentieth round's test writers (2026-12-08), written blind on the general brief and kept outside the project
 * until the round's choices were frozen. Read once; see RETIRED_TEST_WRITERS for the writers who were test writers
 * before them.
 */
export const TEST_WRITERS = ["w128", "w129", "w130", "w131", "w132", "w133", "w134", "w135"] as const;

/**
 * The test writers of rounds one to nineteen (w04 … w127), each read once as a test writer and reported in the README's
 * history; after each round their misses had been read and discussed, so their figures no longer measured new
 * people. From the round after theirs on they are train writers like the others, and only the writers above measure.
 */
export const RETIRED_TEST_WRITERS = [
  "w04", "w07", "w10", "w13", "w15", "w16", "w19", "w20", "w23", "w24", "w25", "w26", "w27", "w28",
  "w33", "w34", "w35", "w36", "w37", "w38", "w39", "w40", "w41", "w42", "w43", "w44",
  "w45", "w46", "w47", "w48", "w49", "w50", "w51", "w52", "w53", "w54", "w55", "w56",
  "w57", "w58", "w59", "w60", "w61", "w62", "w63", "w64", "w65", "w66", "w67", "w68", "w69", "w70", "w71",
  "w72", "w73", "w74", "w75", "w76", "w77", "w78", "w79", "w80", "w81", "w82", "w83", "w84", "w85", "w86", "w87",
  "w88", "w89", "w90", "w91", "w92", "w93", "w94", "w95", "w96", "w97", "w98", "w99", "w100", "w101", "w102", "w103",
  "w104", "w105", "w106", "w107", "w108", "w109", "w110", "w111", "w112", "w113", "w114", "w115", "w116", "w117", "w118", "w119",
  "w120", "w121", "w122", "w123", "w124", "w125", "w126", "w127",
] as const;

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

/** A writer's name: w01 … w99, then w100 on. */
export const WRITER_NAME = /^w\d{2,3}$/;

/** Writers in the order they wrote (w99 before w100), not as strings sort them. */
export function compareWriters(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1));
}
const dash = (value: string | undefined) => (value && value !== "-" ? value : undefined);

function rowsOf(folder: string, dir: URL): { writer: string; cells: string[] }[] {
  const url = new URL(`${folder}/`, dir);
  if (!existsSync(url)) return [];
  return readdirSync(url)
    .filter((name) => name.endsWith(".tsv") && WRITER_NAME.test(name.slice(0, -4)))
    .sort(compareWriters)
    .flatMap((name) =>
      readFileSync(new URL(name, url), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => ({ writer: name.slice(0, -4), cells: line.split("\t") })),
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
  return [...new Set(lines.filter((line) => !isTestWriter(line.writer)).map((line) => line.writer))].sort(compareWriters);
}
