import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { eventually } from "../../helpers/fakeGateways.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

/** The sandbox answers anyone without a token: its requests are bounded one by one and all together (#16). */

const RESIDENTS = "g-yangguang";
const png = readFileSync(new URL("../../fixtures/media/lamp.png", import.meta.url));
/** A PNG of about `bytes` bytes, as a data URL. */
const photo = (bytes: number) => `data:image/png;base64,${Buffer.concat([png.subarray(0, 8), Buffer.alloc(bytes, 7)]).toString("base64")}`;
let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Starts a POST that declares `length` bytes and sends only its first few: it stays in flight until `finish`. */
function slowPost(baseUrl: string, path: string, body: string) {
  const bytes = Buffer.from(body);
  const url = new URL(path, baseUrl);
  const held: (() => void)[] = [];
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": bytes.length },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on("error", reject);
    req.write(bytes.subarray(0, 10));
    held.push(() => req.end(bytes.subarray(10)));
  });
  return { answer, finish: () => held.forEach((end) => end()) };
}

describe("the sandbox's limits", () => {
  it("refuses a message larger than SANDBOX_BODY_LIMIT with 413 and says so in Chinese, storing nothing", async () => {
    t = await startTestBot({ env: { SANDBOX_BODY_LIMIT: "32kb" } });
    const big = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-zhang", text: "@议事助手 3号楼楼道灯不亮了", images: [photo(40 * 1024)] },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/消息太大.*32 KB/);
    expect(await tables(t.database.db).ticket.count()).toBe(0);
    // Within the limit, a photo still goes through.
    const small = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-zhang", text: "@议事助手 3号楼楼道灯不亮了", images: [photo(8 * 1024)] },
    });
    expect(small.status).toBe(200);
  });

  it("refuses with 503 a message while the bytes in flight would pass SANDBOX_IN_FLIGHT_LIMIT, and takes it again once they are done", async () => {
    const bot = (t = await startTestBot({ env: { SANDBOX_BODY_LIMIT: "64kb", SANDBOX_IN_FLIGHT_LIMIT: "80kb" } }));
    const path = `/sandbox/groups/${RESIDENTS}/messages`;
    const body = JSON.stringify({ userId: "u-zhang", text: "@议事助手 3号楼楼道灯不亮了", images: [photo(36 * 1024)] });
    const first = slowPost(bot.baseUrl, path, body);
    // Once the server has the first's headers it holds its bytes: a probe too big to fit beside them (and no
    // message: not JSON) is refused as busy from then on. Waiting for that is waiting for the server, not a clock.
    const probe = () => bot.request("POST", path, { raw: "x".repeat(50 * 1024), headers: { "content-type": "application/json" } });
    await eventually(async () => (await probe()).status === 503, "the first message's bytes to be held");
    // The first is still arriving: a second of the same size would hold more than the limit at once.
    const second = await t.request("POST", path, { raw: body, headers: { "content-type": "application/json" } });
    expect(second.status).toBe(503);
    expect(second.body.error.message).toMatch(/沙盒正忙/);
    first.finish();
    expect((await first.answer).status).toBe(200);
    const third = await t.request("POST", path, { raw: body.replace("3号楼", "5号楼"), headers: { "content-type": "application/json" } });
    expect(third.status).toBe(200);
  });
});

describe("where the server listens", () => {
  it("is loopback unless HOST says otherwise; the image and compose file say 0.0.0.0 explicitly", () => {
    expect(loadConfig({}).HOST).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(readFileSync(new URL("../../../Dockerfile", import.meta.url), "utf8")).toMatch(/HOST=0\.0\.0\.0/);
    expect(readFileSync(new URL("../../../compose.yaml", import.meta.url), "utf8")).toMatch(/HOST: 0\.0\.0\.0/);
  });
});
