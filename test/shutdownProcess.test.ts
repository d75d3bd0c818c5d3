import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "yishi-shutdown-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("the server process (dist/main.js)", () => {
  it("ends within SHUTDOWN_TIMEOUT_MS on two SIGTERMs after stdout's reader has gone (… | head -2)", async () => {
    await run(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: root });
    const port = await freePort();
    const timeoutMs = 1500;
    const server = spawn(process.execPath, ["dist/main.js"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: `file:${path.join(dir, "bot.db")}`,
        LOG_LEVEL: "info",
        JOBS_ENABLED: "false",
        SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
      },
      stdio: ["ignore", "pipe", "ignore"],
    });
    child = server;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => server.once("exit", (code, signal) => resolve({ code, signal })));
    // The reader takes two lines and goes away, as `head -2` does.
    let lines = 0;
    await new Promise<void>((resolve) =>
      server.stdout.on("data", (chunk: Buffer) => {
        lines += String(chunk).split("\n").length - 1;
        if (lines >= 2) {
          server.stdout.destroy();
          resolve();
        }
      }),
    );
    for (let tries = 0; tries < 200; tries++) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const signalled = Date.now();
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.kill("SIGTERM");
    const outcome = await Promise.race([exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), timeoutMs + 3000))]);
    // 0 when the drain was done before the second signal came, 1 when it cut the drain short: either way, ended.
    expect(outcome).not.toBe("still running");
    expect([0, 1]).toContain((outcome as { code: number }).code);
    expect(Date.now() - signalled).toBeLessThan(timeoutMs + 500);
  }, 60_000);
});
