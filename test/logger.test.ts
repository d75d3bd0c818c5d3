import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

describe("logs", () => {
  it("never carry a full phone number", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info({ text: "我的电话13812345678" }, "来电 13912345678");
    expect(lines.join("")).toContain("138****5678");
    expect(lines.join("")).toContain("139****5678");
    expect(lines.join("")).not.toMatch(/1[3-9]\d{9}/);
  });
});
