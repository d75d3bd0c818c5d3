/**
 * npm run test:durations — records each test file's duration from vitest's cache of the last whole run
 * (node_modules/.vite/vitest/…/results.json) in test/fileDurations.json, which orders a fresh clone's run
 * (test/helpers/durationSequencer.ts). Run it after `npm test` when files were added or grew much slower.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RECORDED_DURATIONS } from "../test/helpers/durationSequencer.ts";

const cacheDir = fileURLToPath(new URL("../node_modules/.vite/vitest/", import.meta.url));
const [results] = readdirSync(cacheDir).map((dir) => join(cacheDir, dir, "results.json"));
if (!results) throw new Error("没有找到 vitest 的运行记录：请先运行 npm test");
const { results: rows } = JSON.parse(readFileSync(results, "utf8")) as { results: [string, { duration?: number }][] };
const durations = Object.fromEntries(
  rows
    .filter(([, result]) => typeof result.duration === "number")
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, result]) => [key, Math.round(result.duration! / 10) * 10]),
);
writeFileSync(RECORDED_DURATIONS, `${JSON.stringify(durations, null, 2)}\n`);
console.log(`${Object.keys(durations).length} files recorded in test/fileDurations.json`);
