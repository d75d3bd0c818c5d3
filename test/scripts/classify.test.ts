import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function classify(lines: string[]): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, "node_modules", ".bin", "tsx"), ["scripts/classify.ts"], { cwd: root });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(
            out
              .trim()
              .split("\n")
              .map((line) => JSON.parse(line)),
          )
        : reject(new Error(`exit ${code}`)),
    );
    child.stdin.end(`${lines.join("\n")}\n`);
  });
}

describe("npm run classify", () => {
  it("writes one JSON object a line, in order, in the documented shape", async () => {
    const results = await classify([
      "@议事助手 5号楼电梯又坏了，困了一个老人在里面",
      "授理 2",
      "我上周反映的水管修好了吗",
      "谢谢",
      "你好",
      "3号楼2单元301楼上天天装修 吵死了",
    ]);
    expect(results.map((result) => result.kind)).toEqual(["report", "command", "followup", "thanks", "greeting", "report"]);
    for (const result of results) expect(Object.keys(result)).toEqual(["kind", "category", "colour", "department", "location", "confidence"]);
    expect(results[0]).toMatchObject({ category: "safety", colour: "red", location: { building: "5", unit: null, room: null } });
    expect(results[5]).toMatchObject({ location: { building: "3", unit: "2", room: "301" } });
    expect(typeof results[5]!.department).toBe("string");
    expect(results[5]!.confidence).toBeGreaterThan(0);
    expect(results[1]).toEqual({ kind: "command", category: null, colour: null, department: null, location: null, confidence: null });
  }, 30_000);
});
