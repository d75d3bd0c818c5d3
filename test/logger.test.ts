import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";
import { findPhoneNumbers } from "../src/text/phone.ts";
import { PHONE_FORMS } from "./fixtures/phoneNumbers.ts";

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", sink), lines };
}

describe("logs", () => {
  it("never carry a full phone number", () => {
    const { logger, lines } = capture();
    logger.info({ text: "我的电话13812345678" }, "来电 13912345678");
    expect(lines.join("")).toContain("138****5678");
    expect(lines.join("")).toContain("139****5678");
    expect(lines.join("")).not.toMatch(/1[3-9]\d{9}/);
  });

  it.each(PHONE_FORMS)("mask %s wherever it is: message, nested fields, lists, errors and their causes", (phone, masked) => {
    const { logger, lines } = capture();
    logger.info({ post: { text: `联系我${phone}`, lines: [`电话${phone}`] } }, `来电 %s`, phone);
    logger.error({ err: new Error(`发送失败：${phone}`, { cause: new Error(`原话 ${phone}`) }) }, "post failed");
    logger.error(new Error(`单独的错误 ${phone}`));
    logger.child({ chatId: `c1 ${phone}` }).warn({ reason: `拒绝：${phone}` }, "rejected");
    const written = lines.join("");
    for (const line of lines) expect(findPhoneNumbers(JSON.parse(line).msg)).toEqual([]);
    expect(written).not.toContain(phone);
    expect(written).toContain(masked);
    expect(written.split(masked).length - 1).toBeGreaterThanOrEqual(8);
  });

  it("mask every child binding, not only chatId and userId: a message id, an action id, nested ones", () => {
    const { logger, lines } = capture();
    const log = logger.child({ platform: "sandbox", messageId: "张阿姨13812345678", actionId: "msg-13912345678", chatId: "c 13712345678" });
    log.child({ request: { path: "/x", ids: ["a-13612345678"] } }).info("handled");
    const written = lines.join("");
    expect(written).toContain("张阿姨138****5678");
    expect(written).toContain("msg-139****5678");
    expect(written).toContain("c 137****5678");
    expect(written).toContain("a-136****5678");
    expect(written).not.toMatch(/1[3-9]\d{9}/);
    expect(JSON.parse(lines[0]!).platform).toBe("sandbox");
  });

  it("mask strings inside class instances and errors' own fields the one way", () => {
    const { logger, lines } = capture();
    class Payload {
      constructor(readonly from: string) {}
    }
    const error = Object.assign(new Error("发送失败"), { response: { body: "to 13812345678" } });
    logger.warn({ payload: new Payload("13912345678"), at: new Date("2026-12-06T04:00:00Z"), err: error }, "post failed");
    const line = JSON.parse(lines[0]!);
    expect(line.payload.from).toBe("139****5678");
    expect(line.at).toBe("2026-12-06T04:00:00.000Z");
    expect(line.err.response.body).toBe("to 138****5678");
    expect(lines.join("")).not.toMatch(/1[3-9]\d{9}/);
  });

  it("never write a string unmasked however deep it lies, nor loop on a cycle", () => {
    const { logger, lines } = capture();
    const deep: Record<string, unknown> = { phone: "13812345678" };
    let nested: Record<string, unknown> = deep;
    for (let i = 0; i < 12; i++) nested = { inner: nested };
    const cyclic: Record<string, unknown> = { phone: "13912345678" };
    cyclic.self = cyclic;
    logger.info({ nested, cyclic }, "deep");
    expect(lines.join("")).not.toMatch(/1[3-9]\d{9}/);
    expect(lines.join("")).toContain("139****5678");
  });
});
