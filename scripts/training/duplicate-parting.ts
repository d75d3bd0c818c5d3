/**
 * tsx scripts/training/duplicate-parting.ts [--rule=thing] [--writers=w01-w59]
 *
 * Which rule parts the train writers' pairs (never the test writers'): for each rule of partingRule
 * (src/domain/duplicates.ts), the same-matter pairs it parts (recall it costs) and the different ones (what it
 * is for). --rule lists the same-matter pairs that rule parts, --writers keeps some writers only (w01-w59), so a
 * rule written from some writers' pairs can be counted on the others. Reads the sides as duplicate-folds.ts caches
 * them (run that first).
 */
import { existsSync, readFileSync } from "node:fs";
import { partingRule } from "../../src/domain/duplicates.ts";
import type { readPair } from "../evaluation/duplicatePairs.ts";

type Sides = NonNullable<ReturnType<typeof readPair>>;
const cacheFile = new URL("../../node_modules/.cache/yishi-duplicate-sides.json", import.meta.url);
if (!existsSync(cacheFile)) throw new Error("run scripts/training/duplicate-folds.ts first: it reads and caches the pairs' sides");
const pairs = JSON.parse(readFileSync(cacheFile, "utf8")) as { writer: string; a: string; b: string; same: boolean; sides: Sides | null }[];

const option = (name: string) => process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1];
const [first, last] = (option("writers") ?? "w01-w999").split("-").map((writer) => Number(writer.slice(1)));
const kept = pairs.filter((pair) => /^w\d+$/.test(pair.writer) && Number(pair.writer.slice(1)) >= first! && Number(pair.writer.slice(1)) <= last!);
const listed = option("rule");

const counts = new Map<string, { same: number; different: number }>();
for (const pair of kept) {
  if (!pair.sides) continue;
  const rule = partingRule(pair.sides.report, { ...pair.sides.ticket, createdAt: new Date(pair.sides.ticket.createdAt) });
  if (!rule) continue;
  const count = counts.get(rule) ?? { same: 0, different: 0 };
  count[pair.same ? "same" : "different"]++;
  counts.set(rule, count);
  if (rule === listed && pair.same) console.log(`${pair.writer}: ${pair.a} ｜ ${pair.b}`);
}
console.log(`${kept.length} pairs (${kept.filter((pair) => pair.same).length} same) of writers w${first}–w${last}`);
for (const [rule, count] of [...counts].sort((a, b) => b[1].same - a[1].same)) console.log(`${rule}: parts ${count.same} same, ${count.different} different`);
