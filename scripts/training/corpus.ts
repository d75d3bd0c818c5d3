/**
 * The training corpus as files in the repository (see training/README.md), read into examples with a fixed
 * train/test split. Training never sees the test rows; every accuracy figure in the README comes from them.
 */
import { readFileSync } from "node:fs";
import type { Example } from "../../src/bot/classifier/train.ts";

export const TRAINING_DIR = new URL("../../training/", import.meta.url);

/** FNV-1a: a stable hash, so a row's side of the split never changes between runs or machines. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One row in five goes to the test split. */
export function splitOf(key: string): "train" | "test" {
  return stableHash(key) % 5 === 0 ? "test" : "train";
}

function readTsv(path: URL | string): string[][] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"));
}

export interface SplitExamples {
  train: Example[];
  test: Example[];
}

/**
 * The department file: word-segmented letters. The split key is the letter's tail, so the same letter
 * filed twice under different titles lands on one side only.
 */
export function departmentExamples(path: URL | string = new URL("tipdm2020-department.tsv", TRAINING_DIR)): SplitExamples {
  const out: SplitExamples = { train: [], test: [] };
  for (const [text = "", label = ""] of readTsv(path)) {
    if (!text || !label) continue;
    const compact = text.replace(/\s+/g, "");
    out[splitOf(compact.slice(-60))].push({ text: compact, label });
  }
  return out;
}

export interface EstateRow {
  key: string;
  split: "train" | "test";
  category: string;
  colour: string;
  title: string;
  text: string;
}

export function estateRows(path: URL | string = new URL("estate-messages.tsv", TRAINING_DIR)): EstateRow[] {
  return readTsv(path).map(([key = "", split = "", category = "", colour = "", title = "", text = ""]) => ({
    key,
    split: split === "test" ? "test" : "train",
    category,
    colour,
    title,
    text,
  }));
}

export interface ChatRow {
  text: string;
  kind: string;
  category?: string;
  colour?: string;
}

export function chatRows(name: "labelled-messages.json" | "heldout-messages.json"): ChatRow[] {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), "utf8")) as ChatRow[];
}
