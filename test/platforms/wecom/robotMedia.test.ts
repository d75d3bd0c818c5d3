import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readRobotMessage } from "../../../src/platforms/wecom/robot.ts";
import { startFileServer, type FileServer } from "../../helpers/fileServer.ts";
import { interceptOutboundHttp } from "../../helpers/nock.ts";
import { encryptWecomMedia, openRobotReply, ROBOT, wecomRobotCallback } from "../../helpers/platformClients.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

/** WeCom intelligent robot: 图文混排 with a picture, a 1:1 picture and a 1:1 voice message, as recorded. */

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/wecom/${name}`, import.meta.url), "utf8"));
const mixed = fixture("robot-mixed-group.json");
const imageSingle = fixture("robot-image-single.json");
const voiceSingle = fixture("robot-voice-single.json");
const textGroup = fixture("robot-text-group.json");
const png = readFileSync(new URL("../../fixtures/media/lamp.png", import.meta.url));
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let t: TestBot;
let files: FileServer;
let sequence = 0;

interceptOutboundHttp();

beforeAll(async () => {
  files = await startFileServer();
});
afterAll(async () => {
  await files.close();
});
beforeEach(async () => {
  t = await startTestBot({
    now: "2026-11-23T17:10:00Z",
    env: { WECOM_BOT_TOKEN: ROBOT.token, WECOM_BOT_ENCODING_AES_KEY: ROBOT.encodingAESKey, ATTACHMENT_DOWNLOAD_TIMEOUT_MS: "800" },
  });
  const bound = await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "wecom", chatId: mixed.chatid, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
  });
  expect(bound.status).toBe(201);
});
afterEach(async () => {
  await t.close();
});

/** Sends a recorded message (fresh msgid unless given) and returns the decrypted passive reply. */
async function send(plaintext: Record<string, unknown>): Promise<string> {
  const callback = wecomRobotCallback({ msgid: `media-${++sequence}`, ...plaintext });
  const response = await t.request("POST", callback.path, { body: callback.body });
  expect(response.status).toBe(200);
  return response.body === "" ? "" : openRobotReply(response.body);
}

/** The mixed fixture with its picture moved to the local file host, encrypted as WeCom does. */
function mixedWithPicture(path: string) {
  const url = files.serve(path, encryptWecomMedia(png, ROBOT.encodingAESKey));
  const items = mixed.mixed.msg_item.map((item: { msgtype: string }) => (item.msgtype === "image" ? { msgtype: "image", image: { url } } : item));
  return { ...mixed, mixed: { msg_item: items } };
}

describe("a WeCom 图文混排 message with a picture", () => {
  it("files the words as a ticket with the picture, downloaded and decrypted with the robot's EncodingAESKey", async () => {
    const answer = await send(mixedWithPicture("/mixed/1"));
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("已收到照片 1 张");
    const ticket = await t.ticket(1);
    expect(ticket.text).toBe("5号楼门口井盖坏了");
    expect(ticket.attachments).toMatchObject([{ kind: "photo", mime: "image/png", bytes: png.byteLength }]);
    const bytes = Buffer.from(await (await fetch(`${t.baseUrl}${ticket.attachments[0].url}`, { headers: auth })).arrayBuffer());
    expect(bytes.equals(png)).toBe(true);
  });

  it("answers a retry from storage without downloading again", async () => {
    const message = { ...mixedWithPicture("/mixed/retry"), msgid: "retry-mixed" };
    const first = await send(message);
    expect(await send(message)).toBe(first);
    expect(files.hits.get("/mixed/retry")).toBe(1);
    expect(await tables(t.database.db).attachment.count()).toBe(1);
  });

  it("still files the words when the picture cannot be fetched, and says so", async () => {
    files.serve("/mixed/expired", null, 403);
    const message = mixedWithPicture("/mixed/gone");
    message.mixed.msg_item[1].image.url = `${files.baseUrl}/mixed/expired`;
    const answer = await send(message);
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("1 张照片没能接收");
    expect(await tables(t.database.db).attachment.count()).toBe(0);
  });

  it("answers within the download timeout when the file host hangs, with the words filed", async () => {
    const message = mixedWithPicture("/mixed/unused");
    message.mixed.msg_item[1].image.url = files.hang("/mixed/hanging");
    // The host never answers: only the download timeout (800 ms here) lets the reply come at all.
    const answer = await send(message);
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("1 张照片没能接收");
  });
});

describe("a 1:1 picture", () => {
  it("joins the sender's report of the last ten minutes", async () => {
    await send({ ...textGroup, text: { content: "@议事助手 3号楼2单元楼道灯不亮了" } });
    t.clock.advance(3 * 60_000);
    const url = files.serve("/single/1", encryptWecomMedia(png, ROBOT.encodingAESKey));
    expect(await send({ ...imageSingle, image: { url } })).toBe("照片已附到 1 号工单。");
    expect((await t.ticket(1)).attachments).toHaveLength(1);
  });
});

describe("a 1:1 voice message", () => {
  it("is handled like typed words, filed under the sender's estate, and the answer starts with what was heard", async () => {
    await send({ ...textGroup, text: { content: "@议事助手 你好" } });
    const answer = await send(voiceSingle);
    // What was heard comes first, after only the advice of a possible danger (a broken lift with an old person
    // upstairs: the urgency model's possible danger, 「如果正在发生…」).
    expect(answer.replace(/^⚠️[^\n]*\n\n/, "").startsWith("听到的是：「3号楼电梯坏了，老人下不了楼」\n\n")).toBe(true);
    expect(answer).toContain("已登记工单 #1");
    expect(await t.ticket(1)).toMatchObject({ unitId: "xq-yangguang", text: "3号楼电梯坏了，老人下不了楼" });
  });

  it("that was not understood asks to say it again or type it", async () => {
    await send({ ...textGroup, text: { content: "@议事助手 你好" } });
    expect(await send({ ...voiceSingle, voice: { content: "" } })).toContain("没有识别出文字");
    expect(await tables(t.database.db).ticket.count()).toBe(0);
  });
});

describe("decoding a robot message (also what the long connection feeds)", () => {
  it("uses a picture's own aeskey when the message gives one, else the EncodingAESKey", async () => {
    const aeskey = Buffer.alloc(32, 9).toString("base64");
    const own = files.serve("/own-key", encryptWecomMedia(png, aeskey));
    const message = readRobotMessage({ ...imageSingle, image: { url: own, aeskey } }, ROBOT.encodingAESKey)!;
    expect(message).toMatchObject({ text: "", private: true, chatId: "single:zhangsan" });
    const bytes = await message.images![0]!.fetch({ signal: AbortSignal.timeout(2000), maxBytes: 1 << 20 });
    expect(Buffer.from(bytes).equals(png)).toBe(true);
    expect(readRobotMessage(voiceSingle, ROBOT.encodingAESKey)).toMatchObject({ voice: true, private: true, text: "3号楼电梯坏了，老人下不了楼" });
    expect(readRobotMessage({ ...imageSingle, msgtype: "file", file: { url: own } }, ROBOT.encodingAESKey)).toBeNull();
  });
});
