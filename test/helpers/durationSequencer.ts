import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files in the order that lets the two workers finish together: the longest first. Vitest orders by the durations
 * of the last run it cached (node_modules/.vite), which a fresh clone has not got: there it ran files in name
 * order and left a 20-second file for the end, 282 s against 230 s with a cache (2026-12-07, a quiet machine).
 * So a file without a cached duration takes the one recorded in test/fileDurations.json (`npm run
 * test:durations` writes it from the last run's cache); a file in neither runs first, as vitest does.
 */
export const RECORDED_DURATIONS = new URL("../fileDurations.json", import.meta.url);

function recorded(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(RECORDED_DURATIONS, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

export class DurationSequencer extends BaseSequencer {
  private readonly recordedDurations = recorded();

  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const duration = (file: TestSpecification): number => {
      const key = `${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`;
      return this.ctx.cache.getFileTestResults(key)?.duration ?? this.recordedDurations[key] ?? Number.POSITIVE_INFINITY;
    };
    return Promise.resolve(
      [...files].sort((a, b) => {
        // As vitest's own order: projects one after the other, and within one the longest first.
        if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1;
        const [longA, longB] = [duration(a), duration(b)];
        return longA === longB ? 0 : longA > longB ? -1 : 1;
      }),
    );
  }
}
