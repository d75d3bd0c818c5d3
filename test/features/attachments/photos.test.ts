import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

/** Photos on tickets, through the sandbox: with a report, a little after it, with 办结; kept once, served, linked. */

const RESIDENTS = "g-yangguang";
const STAFF = "g-xingfu-staff";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const png = readFileSync(new URL("../../fixtures/media/lamp.png", import.meta.url));
const gif = readFileSync(new URL("../../fixtures/media/dot.gif", import.meta.url));
const dataUrl = (bytes: Buffer, type = "image/png") => `data:${type};base64,${bytes.toString("base64")}`;

let t: TestBot;
afterEach(async () => {
  await t.close();
});

async function send(userId: string, text: string, images: string[] = []) {
  const response = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, { body: { userId, text, images } });
  expect(response.status).toBe(200);
  return (response.body.replies as { text: string }[]).map((entry) => entry.text).join("\n");
}

const attachmentFiles = () => {
  const dir = path.join(t.database.files, "attachments");
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
};

describe("a report with a photo, in the sandbox", () => {
  it("files the ticket with the photo: listed on the ticket, linked to the report, served to the admin token, shown in the timeline", async () => {
    t = await startTestBot();
    const answer = await send("u-zhang", "@议事助手 3号楼楼道灯不亮了", [dataUrl(png)]);
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("已收到照片 1 张");

    const ticket = await t.ticket(1);
    expect(ticket.attachments).toEqual([
      { id: 1, kind: "photo", mime: "image/png", bytes: png.byteLength, url: "/api/attachments/1", createdAt: expect.any(String) },
    ]);
    expect(ticket.history[0]).toMatchObject({ type: "reported", attachmentIds: [1] });

    const served = await fetch(`${t.baseUrl}/api/attachments/1`, { headers: auth });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${t.baseUrl}/api/attachments/1`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/attachments/1`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    expect((await t.request("GET", "/api/attachments/99", { headers: auth })).status).toBe(404);
    expect((await t.request("GET", "/api/attachments/x", { headers: auth })).status).toBe(400);

    const timeline = (await t.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages;
    const message = timeline.find((entry: { type: string }) => entry.type === "message");
    expect(message).toMatchObject({ text: "@议事助手 3号楼楼道灯不亮了", photos: [{ id: 1, mime: "image/png" }] });
    const shown = await fetch(`${t.baseUrl}/sandbox/photos/1`);
    expect(shown.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${t.baseUrl}/sandbox/photos/2`)).status).toBe(404);

    const page = (await t.request("GET", "/sandbox")).body as string;
    expect(page).toContain('id="photoButton"');
    expect(page).toContain("readAsDataURL");
    expect(page).toContain("/sandbox/photos/${photo.id}");
  });

  it("keeps the same picture once, however many tickets show it", async () => {
    t = await startTestBot();
    await send("u-zhang", "@议事助手 3号楼楼道灯不亮了", [dataUrl(png)]);
    await send("u-liu", "@议事助手 8号楼门口的垃圾桶满了没人清", [dataUrl(png), dataUrl(gif, "image/gif")]);
    const rows = await tables(t.database.db).attachment.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.ticketNumber, row.mime])).toEqual([
      [1, "image/png"],
      [2, "image/png"],
      [2, "image/gif"],
    ]);
    expect(rows[0]!.storageKey).toBe(rows[1]!.storageKey);
    expect(rows[0]!.storageKey).toBe(`${rows[0]!.sha256.slice(0, 2)}/${rows[0]!.sha256.slice(2)}`);
    expect(attachmentFiles()).toHaveLength(2);
  });

  it("files the words even when the picture is refused: not an image, or over the size limit", async () => {
    t = await startTestBot({ env: { ATTACHMENT_MAX_BYTES: "64" } });
    const html = Buffer.from("<!DOCTYPE html><html><body>not a photo</body></html>");
    const answer = await send("u-zhang", "@议事助手 3号楼楼道灯不亮了", [dataUrl(html), dataUrl(gif, "image/gif"), dataUrl(png)]);
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("1 个文件不是 JPG、PNG、GIF 或 WebP 图片，没有保存");
    expect(answer).toContain("1 张照片超过 64 字节，没有保存");
    expect(answer).toContain("已收到照片 1 张");
    expect((await t.ticket(1)).attachments.map((a: { mime: string }) => a.mime)).toEqual(["image/gif"]);
  });

  it("lets photos past BODY_LIMIT within their own allowance, while the words keep to it", async () => {
    t = await startTestBot({ env: { BODY_LIMIT: "1kb" } });
    const big = Buffer.concat([png.subarray(0, 8), Buffer.alloc(4096, 7)]);
    expect(await send("u-zhang", "@议事助手 3号楼楼道灯不亮了", [dataUrl(big)])).toContain("已收到照片 1 张");
    const long = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-zhang", text: "@议事助手 " + "电梯坏了".repeat(200), images: [dataUrl(png)] },
    });
    expect(long.status).toBe(413);
    expect(await tables(t.database.db).ticket.count()).toBe(1);
  });

  it("refuses a body that is neither words nor photos, and an image that is not a data URL", async () => {
    t = await startTestBot();
    const empty = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, { body: { userId: "u-zhang", text: " " } });
    expect(empty.status).toBe(400);
    const linked = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-zhang", text: "看", images: ["https://example.com/a.png"] },
    });
    expect(linked.status).toBe(400);
  });
});

describe("a photo sent after the report", () => {
  it("joins the sender's own report of the last ten minutes, with a 补充照片 entry in its history", async () => {
    t = await startTestBot();
    await send("u-zhang", "@议事助手 3号楼楼道灯不亮了");
    t.clock.advance(9 * 60_000);
    expect(await send("u-zhang", "", [dataUrl(png)])).toBe("照片已附到 1 号工单。");
    // Words that make no report of their own only describe the photo.
    expect(await send("u-zhang", "@议事助手 就是这个灯", [dataUrl(gif, "image/gif")])).toBe("照片已附到 1 号工单。");
    const ticket = await t.ticket(1);
    expect(ticket.attachments.map((a: { kind: string }) => a.kind)).toEqual(["photo", "photo"]);
    const added = ticket.history.filter((event: { type: string }) => event.type === "photo_added");
    expect(added).toHaveLength(2);
    expect(added[0]).toMatchObject({ note: "补充照片 1 张", attachmentIds: [1] });
  });

  it("is not kept after ten minutes, nor for another resident's report", async () => {
    t = await startTestBot();
    await send("u-zhang", "@议事助手 3号楼楼道灯不亮了");
    t.clock.advance(60_000);
    expect(await send("u-liu", "", [dataUrl(png)])).toContain("没找到您十分钟内反映的问题");
    t.clock.advance(10 * 60_000);
    expect(await send("u-zhang", "", [dataUrl(png)])).toContain("没找到您十分钟内反映的问题");
    expect((await t.ticket(1)).attachments).toEqual([]);
  });

  it("with words that make a new report, opens that report with the photo instead", async () => {
    t = await startTestBot();
    await send("u-zhang", "@议事助手 3号楼楼道灯不亮了");
    t.clock.advance(60_000);
    expect(await send("u-zhang", "@议事助手 另外5号楼门口井盖坏了", [dataUrl(png)])).toContain("已登记工单 #2");
    expect((await t.ticket(1)).attachments).toEqual([]);
    expect((await t.ticket(2)).attachments).toHaveLength(1);
  });
});

describe("a photo with 办结", () => {
  it("is kept as the ticket's after picture, linked to the resolution", async () => {
    t = await startTestBot();
    await send("u-zhang", "@议事助手 3号楼楼道灯不亮了", [dataUrl(png)]);
    await send("u-li", "受理 1");
    const answer = await send("u-li", "办结 1 已更换灯泡", [dataUrl(gif, "image/gif")]);
    expect(answer).toContain("已办结");
    expect(answer).toContain("办结照片 1 张已存档");
    const ticket = await t.ticket(1);
    expect(ticket.attachments.map((a: { id: number; kind: string }) => [a.id, a.kind])).toEqual([
      [1, "photo"],
      [2, "after"],
    ]);
    expect(ticket.history.find((event: { type: string }) => event.type === "resolved")).toMatchObject({ attachmentIds: [2] });
  });

  it("keeps nothing when 办结 is refused", async () => {
    t = await startTestBot();
    await send("u-zhang", "@议事助手 3号楼楼道灯不亮了");
    expect(await send("u-zhang", "办结 1 修好了", [dataUrl(gif, "image/gif")])).not.toContain("办结照片");
    expect(await tables(t.database.db).attachment.count()).toBe(0);
  });
});

describe("photo links in chat posts", () => {
  const staffAlert = async () => {
    const messages = (await t.request("GET", `/sandbox/groups/${STAFF}/messages`)).body.messages as { text: string }[];
    return messages.at(-1)!.text;
  };

  it("alert the work group with a signed link that opens the photo without a token, until it expires", async () => {
    t = await startTestBot({ env: { PUBLIC_BASE_URL: "https://yishi.example.cn", ATTACHMENT_LINK_DAYS: "7" } });
    await send("u-zhang", "@议事助手 5号楼电梯又坏了，困了一个老人在里面", [dataUrl(png)]);
    const alert = await staffAlert();
    expect(alert).toContain("新工单 #1");
    const link = /照片：(https:\/\/yishi\.example\.cn(\/attachments\/1\?expires=\d+&sig=[\w-]+))/.exec(alert);
    expect(link).not.toBeNull();
    const local = link![2]!;
    const opened = await fetch(`${t.baseUrl}${local}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await opened.arrayBuffer()).equals(png)).toBe(true);

    const tampered = local.replace(/expires=(\d+)/, (_, seconds: string) => `expires=${Number(seconds) + 86_400}`);
    expect((await t.request("GET", tampered)).status).toBe(403);
    expect((await t.request("GET", local.replace("/attachments/1?", "/attachments/2?"))).status).toBe(403);
    expect((await t.request("GET", "/attachments/1")).status).toBe(403);

    t.clock.advance(7 * 86_400_000 + 60_000);
    const expired = await t.request("GET", local);
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toContain("过期");
  });

  it("are left out when the bot has no public address", async () => {
    t = await startTestBot();
    await send("u-zhang", "@议事助手 5号楼电梯又坏了，困了一个老人在里面", [dataUrl(png)]);
    const alert = await staffAlert();
    expect(alert).toContain("新工单 #1");
    expect(alert).not.toContain("照片：");
  });
});
