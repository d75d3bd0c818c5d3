import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { StdoutLog } from "../src/stdoutLog.ts";

const dir = mkdtempSync(path.join(tmpdir(), "yishi-log-"));
const fds: number[] = [];
afterEach(() => {
  for (const fd of fds.splice(0)) closeSync(fd);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the stdout log", () => {
  it("writes lines in order and flushes them", async () => {
    const file = path.join(dir, "out.log");
    const fd = openSync(file, "w");
    fds.push(fd);
    const log = new StdoutLog(fd);
    for (let i = 0; i < 100; i++) log.write(`{"n":${i}}\n`);
    await log.flush(1000);
    expect(readFileSync(file, "utf8").trim().split("\n")).toEqual(Array.from({ length: 100 }, (_, i) => `{"n":${i}}`));
  });

  it("turns into a sink when stdout cannot be written (its reader gone), and a flush then returns at once", async () => {
    const file = path.join(dir, "read-only.log");
    writeFileSync(file, "");
    const fd = openSync(file, "r");
    fds.push(fd);
    const log = new StdoutLog(fd);
    log.write("lost\n");
    await log.flush(5000);
    log.write("dropped\n");
    expect(log.dropped).toBe(1);
    // At once: before the loop's next turn, however long it was allowed to wait.
    let flushed = false;
    void log.flush(600_000).then(() => (flushed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(true);
  });

  it("drops lines beyond its queue instead of holding them all", () => {
    const fd = openSync(path.join(dir, "small.log"), "w");
    fds.push(fd);
    const log = new StdoutLog(fd, 10);
    log.write("0123456789\n");
    log.write("this one waits\n");
    log.write("and this one is dropped\n");
    expect(log.dropped).toBeGreaterThan(0);
  });
});
