import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { DINGTALK_SECRET, dingtalkHeaders } from "../../helpers/platformClients.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

/** DingTalk robot: picture and richText (groups), audio (1:1), as recorded; files through the robot download API. */

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/dingtalk/${name}`, import.meta.url), "utf8"));
const picture = fixture("callback-picture-group.json");
const richText = fixture("callback-richtext-group.json");
const audio = fixture("callback-audio-single.json");
const text = fixture("callback-text-group.json");
const png = readFileSync(new URL("../../fixtures/media/lamp.png", import.meta.url));
const gif = readFileSync(new URL("../../fixtures/media/dot.gif", import.meta.url));
const BASE = "https://dingtalk.test";
const OPENAPI = "https://api.dingtalk.test";
const FILES = "https://down.dingtalk.test";
const APP_KEY = "dingappkey000000";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  t = await startTestBot({
    env: { DINGTALK_APP_SECRET: DINGTALK_SECRET, DINGTALK_APP_KEY: APP_KEY, DINGTALK_API_BASE: BASE, DINGTALK_OPENAPI_BASE: OPENAPI },
  });
  await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "dingtalk", chatId: picture.conversationId, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
  });
});
afterEach(async () => {
  await t.close();
});

/** Posts a recorded callback (fresh msgId, a live sessionWebhook on the test host) and returns the bot's reply to it. */
async function send(recorded: Record<string, unknown>, overrides: Record<string, unknown> = {}): Promise<string> {
  t.clock.advance(1);
  const now = t.clock.now().getTime();
  const msgId = `ding-media-${++sequence}`;
  const body = {
    ...recorded,
    msgId,
    sessionWebhook: `${BASE}/robot/sendBySession?session=s1`,
    sessionWebhookExpiredTime: now + 90 * 60_000,
    createAt: now,
    ...overrides,
  };
  const response = await t.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(t.clock.now()), body });
  expect(response).toEqual({ status: 200, body: {} });
  const inbound = await tables(t.database.db).inboundMessage.findUnique({ where: { platform_messageId: { platform: "dingtalk", messageId: msgId } } });
  return inbound ? (JSON.parse(inbound.replies) as string[]).join("\n") : "";
}

/** The token and download APIs, once each, handing out `bytes` for `downloadCode`. */
function dingtalkFile(downloadCode: string, bytes: Buffer, path: string) {
  const download = nock(OPENAPI, { reqheaders: { "x-acs-dingtalk-access-token": "token-1" } })
    .post("/v1.0/robot/messageFiles/download", { downloadCode, robotCode: "dingrobot000000" })
    .reply(200, { downloadUrl: `${FILES}${path}` });
  const file = nock(FILES).get(path).reply(200, bytes, { "content-type": "application/octet-stream" });
  return { download, file };
}

function tokenApi() {
  return nock(OPENAPI)
    .post("/v1.0/oauth2/accessToken", { appKey: APP_KEY, appSecret: DINGTALK_SECRET })
    .once()
    .reply(200, { accessToken: "token-1", expireIn: 7200 });
}

describe("a DingTalk picture", () => {
  it("is fetched through the access token, the robot download API and the download URL, and joins the sender's report", async () => {
    expect(await send(text)).toContain("已登记工单 #1");
    const token = tokenApi();
    const { download, file } = dingtalkFile(picture.content.downloadCode, png, "/pictures/1.png");
    expect(await send(picture)).toBe("照片已附到 1 号工单。");
    expect(token.isDone() && download.isDone() && file.isDone()).toBe(true);
    const ticket = await t.ticket(1);
    expect(ticket.attachments).toMatchObject([{ kind: "photo", mime: "image/png", bytes: png.byteLength }]);
    const bytes = Buffer.from(await (await fetch(`${t.baseUrl}${ticket.attachments[0].url}`, { headers: auth })).arrayBuffer());
    expect(bytes.equals(png)).toBe(true);
  });

  it("reuses the access token until it nears its expiry", async () => {
    await send(text);
    tokenApi();
    dingtalkFile(picture.content.downloadCode, png, "/pictures/a.png");
    dingtalkFile(picture.content.downloadCode, gif, "/pictures/b.gif");
    expect(await send(picture)).toContain("照片已附到 1 号工单");
    // No second token interceptor: a second token request would fail the download.
    expect(await send(picture)).toContain("照片已附到 1 号工单");
    expect((await t.ticket(1)).attachments.map((a: { mime: string }) => a.mime)).toEqual(["image/png", "image/gif"]);
  });

  it("that cannot be fetched leaves the report filed and says so", async () => {
    nock(OPENAPI).post("/v1.0/oauth2/accessToken").reply(400, { code: "invalidClientId", message: "appKey is invalid" });
    const answer = await send(richText);
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("1 张照片没能接收");
    expect(await tables(t.database.db).attachment.count()).toBe(0);
  });
});

describe("a DingTalk richText message", () => {
  it("files its words as a report with its pictures", async () => {
    tokenApi();
    dingtalkFile("richPictureCode0001", png, "/pictures/rich.png");
    const answer = await send(richText);
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("已收到照片 1 张");
    const ticket = await t.ticket(1);
    expect(ticket.text).toBe("5号楼门口井盖坏了，晚上看不见");
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.history[0].attachmentIds).toEqual([ticket.attachments[0].id]);
  });
});

describe("a DingTalk audio message (1:1)", () => {
  it("is handled like typed words, filed under the sender's estate, the answer starting with what was heard", async () => {
    await send(text, { text: { content: "你好" } });
    const answer = await send(audio);
    expect(answer.startsWith("听到的是：「三号楼电梯坏了老人下不了楼」")).toBe(true);
    expect(answer).toContain("已登记工单 #1");
    expect(await t.ticket(1)).toMatchObject({ unitId: "xq-yangguang", text: "三号楼电梯坏了老人下不了楼" });
  });

  it("without a transcript asks to say it again or type it", async () => {
    await send(text, { text: { content: "你好" } });
    expect(await send(audio, { content: { duration: 2000, downloadCode: "audioDownloadCode0002" } })).toContain("没有识别出文字");
    expect(await tables(t.database.db).ticket.count()).toBe(0);
  });
});
