import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config.ts";
import { acceptanceRuleSchema, colourPolicySchema } from "../src/domain/deadlines.ts";
import { DEFAULT_POLICY } from "../src/domain/policy.ts";
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

  it("takes a colour's rule with the code's own key names, each key replacing the default's", () => {
    const accept = { kind: "withinHours", hours: 3 } as const;
    const policy = loadPolicy(file("current.json", JSON.stringify({ colours: { yellow: { accept, chaseEveryHours: 2 } } })));
    expect(policy.colours.yellow).toEqual({ ...DEFAULT_POLICY.colours.yellow, accept, chaseEveryHours: 2 });
    expect(policy.colours.red).toEqual(DEFAULT_POLICY.colours.red);
  });

  it("still reads the old acceptance keys as the rule they stand for, and warns naming each one", () => {
    const warnings: unknown[] = [];
    const logger = { warn: (fields: unknown) => warnings.push(fields) };
    const old = { colours: { red: { acceptWithinHours: 0.5 }, blue: { acceptSameDay: { lateAfterHour: 17, nextDayByHour: 9 } } } };
    const policy = loadPolicy(file("old.json", JSON.stringify(old)), logger);
    expect(policy.colours.red.accept).toEqual({ kind: "withinHours", hours: 0.5 });
    expect(policy.colours.blue.accept).toEqual({ kind: "sameDay", lateAfterHour: 17, nextDayByHour: 9 });
    expect(warnings).toEqual([expect.objectContaining({ deprecated: ["colours.red.acceptWithinHours", "colours.blue.acceptSameDay"] })]);
    expect(() =>
      loadPolicy(file("both.json", JSON.stringify({ colours: { red: { acceptWithinHours: 1, accept: { kind: "withinHours", hours: 2 } } } }))),
    ).toThrow(/colours\.red: acceptWithinHours 与 accept 只能给一个/);
  });

  it("is documented in the README with every key a colour takes", async () => {
    const readme = (await import("node:fs")).readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const policySection = readme.slice(readme.indexOf("### Policy"), readme.indexOf("## Deliberation meetings"));
    for (const key of Object.keys(colourPolicySchema.shape)) expect(policySection).toContain(`\`${key}\``);
    for (const kind of acceptanceRuleSchema.options.map((option) => option.shape.kind.value)) expect(policySection).toContain(`"kind": "${kind}"`);
  });

  it("stops start-up with one line for a bad file", () => {
    expect(() => loadPolicy(file("bad.json", "{ not json"))).toThrow(ConfigError);
    expect(() => loadPolicy(file("unknown.json", JSON.stringify({ colour: {} })))).toThrow(/^配置错误：POLICY_FILE=/);
  });
});
