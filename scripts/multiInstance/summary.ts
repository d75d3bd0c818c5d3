import type { RunResult } from "./run.ts";

/** The run's properties, PASS or FAIL each with its figures, then the run's own figures as one JSON line. */
export function printSummary(result: RunResult, print: (line: string) => void): void {
  for (const property of result.properties) print(`${property.ok ? "PASS" : "FAIL"}  ${property.name}: ${property.detail}`);
  const failed = result.properties.filter((property) => !property.ok).length;
  print(`${result.properties.length - failed} passed, ${failed} failed`);
  print(JSON.stringify(result.figures));
}
