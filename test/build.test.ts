import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import textMessage from "./fixtures/wecom/robot-text-group.json" with { type: "json" };
import { openRobotReply, ROBOT, wecomRobotCallback } from "./helpers/platformClients.ts";
import { eventually, FakeWecomGateway } from "./helpers/fakeGateways.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "yishi-dist-"));
let child: ChildProcess | undefined;
afterAll(() => {
  // A failed assertion must not leave the server running.
  if (child?.exitCode === null) child.kill("SIGKILL");
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

describe("the built server (npm start)", () => {
  it("runs from dist/ with plain node: migrates a new database, serves, is ready, and exits 0 on SIGTERM", async () => {
    // Only when stale, as every file that starts dist/main.js: a rebuild while test/scripts/multiInstance.postgres.test.ts
    // restarts its killed instance from dist/main.js took that file from 10 s to 70 s in a fresh clone's run.
    await run(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: root });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, ["dist/main.js"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${path.join(dir, "bot.db")}`,
        LOG_LEVEL: "info",
        JOBS_ENABLED: "true",
        // A platform too, so that the bundled crypto and its routes are exercised, not only the sandbox.
        WECOM_BOT_TOKEN: ROBOT.token,
        WECOM_BOT_ENCODING_AES_KEY: ROBOT.encodingAESKey,
        // With a real platform configured the sandbox is off unless asked for (see README, "Doors").
        SANDBOX_ENABLED: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = server;
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));

    let ready = false;
    for (let tries = 0; !ready && tries < 600 && server.exitCode === null; tries++) {
      ready = await fetch(`${base}/readyz`)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ready, output).toBe(true);

    const sandbox = await fetch(`${base}/sandbox`);
    expect(sandbox.status).toBe(200);
    expect(await sandbox.text()).toContain("议事助手");
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
    const report = await fetch(`${base}/sandbox/groups/g-yangguang/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: "u-zhang", text: "@议事助手 3号楼2单元楼道灯不亮了" }),
    });
    expect(((await report.json()) as { status: string }).status).toBe("handled");
    // Signed now: the server refuses timestamps more than ten minutes off.
    const callback = wecomRobotCallback({ ...textMessage, msgid: "bundle-1" }, String(Math.floor(Date.now() / 1000)));
    const answer = await fetch(base + callback.path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(callback.body) });
    expect(answer.status, output).toBe(200);
    expect(openRobotReply((await answer.json()) as Parameters<typeof openRobotReply>[0])).toContain("绑定");

    // A second start on the same port says so in Chinese and changes nothing: no migration, no new token.
    const otherDir = mkdtempSync(path.join(tmpdir(), "yishi-second-"));
    const second = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const process2 = spawn(process.execPath, ["dist/main.js"], {
        cwd: root,
        env: { PATH: process.env.PATH, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${path.join(otherDir, "bot.db")}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      process2.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
      process2.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
      process2.once("exit", (code) => resolve({ code, output: text }));
    });
    expect(second.code).toBe(1);
    expect(second.output).toContain(`端口 ${port} 已被占用`);
    expect(second.output).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(path.join(otherDir, "bot.db"))).toBe(false);
    expect(existsSync(path.join(otherDir, "admin-token"))).toBe(false);
    rmSync(otherDir, { recursive: true, force: true });

    server.kill("SIGTERM");
    expect(await exited, output).toBe(0);
    expect(output).toContain("shut down cleanly");
  }, 60_000);

  it("opens the WeCom long connection once it serves, answers over it, and closes it on SIGTERM", async () => {
    await run(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: root });
    const gateway = await FakeWecomGateway.start({ botId: "aib-bundle", secret: "bundle-secret" });
    const port = await freePort();
    const server = spawn(process.execPath, ["dist/main.js"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${path.join(dir, "long-connection.db")}`,
        LOG_LEVEL: "info",
        JOBS_ENABLED: "false",
        WECOM_BOT_TRANSPORT: "websocket",
        WECOM_BOT_ID: "aib-bundle",
        WECOM_BOT_SECRET: "bundle-secret",
        WECOM_BOT_WS_URL: gateway.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = server;
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    try {
      // Ready only once the connection is subscribed.
      await eventually(
        () =>
          fetch(`http://127.0.0.1:${port}/readyz`)
            .then((response) => response.status === 200)
            .catch(() => false),
        "the server to be ready",
        30_000,
      );
      expect(gateway.subscribed).toHaveLength(1);
      const reqId = gateway.deliver("aibot_msg_callback", { ...textMessage, msgid: "bundle-ws-1" });
      expect((await gateway.replyTo(reqId)).body.stream.content).toContain("绑定");
      server.kill("SIGTERM");
      expect(await exited, output).toBe(0);
      expect(gateway.openConnections).toBe(0);
      expect(output).toContain("企业微信长连接已连接");
      expect(output).not.toContain("bundle-secret");
    } finally {
      await gateway.close();
    }
  }, 60_000);
});

// In this file rather than its own: both start dist/main.js, which the tests above build when stale; files run in parallel.
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
        DATABASE_URL: `file:${path.join(dir, "shutdown.db")}`,
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
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.kill("SIGTERM");
    const outcome = await Promise.race([exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), timeoutMs + 3000))]);
    // 0 when the drain was done before the second signal came, 1 when it cut the drain short: either way, ended.
    expect(outcome).not.toBe("still running");
    expect([0, 1]).toContain((outcome as { code: number }).code);
  }, 60_000);
});
