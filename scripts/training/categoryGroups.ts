/**
 * The writer groups and kept-out letters the category and colour recipes are read on (choose-category-recipe.ts,
 * reading-dump.ts): all train writers in CATEGORY_GROUPS groups (default 2, writers taken in turn), each read by a
 * model trained on the others, and one letter in five of the letters' train split kept out of every training and
 * read too (the validation part; red letters teach no colour).
 */
import { chatSplit, compareWriters } from "./chatCorpus.ts";
import { estateRows, stableHash } from "./corpus.ts";

export function categoryGroups(field: "category" | "colour") {
  const { train } = chatSplit();
  const writers = [...new Set(train.lines.map((line) => line.writer))].sort(compareWriters);
  const groupCount = Number(process.env.CATEGORY_GROUPS ?? 2);
  const groups = Array.from({ length: groupCount }, (_, g) => writers.filter((_, i) => i % groupCount === g));
  const estate = estateRows().filter((row) => row.split === "train");
  const isValidation = (text: string) => stableHash(`validation:${text}`) % 5 === 0;
  const letters = estate.filter((row) => !isValidation(row.text));
  const validation = estate.filter((row) => isValidation(row.text) && row[field] && (field === "category" || row.colour !== "red"));
  return { train, writers, groups, letters, validation };
}
