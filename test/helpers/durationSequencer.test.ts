import { readFileSync } from "node:fs";
import type { TestSpecification, Vitest } from "vitest/node";
import { describe, expect, it } from "vitest";
import { DurationSequencer, RECORDED_DURATIONS } from "./durationSequencer.ts";

const ROOT = "/repo";
const spec = (project: string, file: string) => ({ project: { name: project }, moduleId: `${ROOT}/${file}` }) as unknown as TestSpecification;
const order = (files: TestSpecification[]) => files.map((file) => `${file.project.name}:${file.moduleId.slice(ROOT.length + 1)}`);

function sequencer(cached: Record<string, number>): DurationSequencer {
  const ctx = {
    config: { root: ROOT },
    cache: { getFileTestResults: (key: string) => (key in cached ? { duration: cached[key], failed: false } : undefined) },
  } as unknown as Vitest;
  return new DurationSequencer(ctx);
}

describe("the order of test files", () => {
  const recorded = JSON.parse(readFileSync(RECORDED_DURATIONS, "utf8")) as Record<string, number>;
  const sqlite = Object.entries(recorded)
    .filter(([key]) => key.startsWith("sqlite:"))
    .sort(([, a], [, b]) => b - a);
  const slowFile = sqlite[0]![0].slice("sqlite:".length);
  const quickFile = sqlite.at(-1)![0].slice("sqlite:".length);

  it("in a fresh clone (no cache), runs a project's files longest first by the recorded durations, an unknown file before them", async () => {
    const files = [spec("sqlite", quickFile), spec("sqlite", slowFile), spec("once", "test/b.test.ts"), spec("sqlite", "test/new.test.ts")];
    const sorted = order(await sequencer({}).sort(files));
    expect(sorted[0]).toBe("once:test/b.test.ts");
    expect(sorted.slice(1)).toEqual(["sqlite:test/new.test.ts", `sqlite:${slowFile}`, `sqlite:${quickFile}`]);
  });

  it("prefers the durations of the last run vitest cached", async () => {
    const files = [spec("sqlite", slowFile), spec("sqlite", quickFile)];
    const sorted = order(await sequencer({ [`sqlite:${quickFile}`]: 10 * recorded[`sqlite:${slowFile}`]! }).sort(files));
    expect(sorted).toEqual([`sqlite:${quickFile}`, `sqlite:${slowFile}`]);
  });
});
