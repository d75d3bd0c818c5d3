import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config.ts";
import { loadPolicy } from "../src/policyFile.ts";

const dir = mkdtempSync(path.join(tmpdir(), "yishi-policy-"));
const file = (name: string, content: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
};

describe("the policy file", () => {
  it("overrides the defaults it names and keeps the rest", () => {
    const policy = loadPolicy(file("ok.json", JSON.stringify({ colours: { red: { acceptWithinHours: 0.5 } }, points: { reportAccepted: 5 } })));
    expect(policy.colours.red.accept).toEqual({ kind: "withinHours", hours: 0.5 });
    expect(policy.colours.red.resolveWithinHours).toBe(24);
    expect(policy.points).toEqual({ reportAccepted: 5, meetingAttended: 3, maxAward: 20, monthlyAwardCap: 20 });
  });

  it("accepts the README's example", async () => {
    const readme = (await import("node:fs")).readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = readme.slice(readme.indexOf("### Policy")).split("```json")[1]!.split("```")[0]!;
    expect(loadPolicy(file("readme.json", example)).colours.yellow.accept).toEqual({ kind: "sameDay", lateAfterHour: 17, nextDayByHour: 10 });
  });

  it("stops start-up with one line for a bad file", () => {
    expect(() => loadPolicy(file("bad.json", "{ not json"))).toThrow(ConfigError);
    expect(() => loadPolicy(file("unknown.json", JSON.stringify({ colour: {} })))).toThrow(/^配置错误：POLICY_FILE=/);
  });
});
