import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createPlatformRegistry } from "../../src/platforms/index.ts";
import { asRead, planDeliveries } from "../../src/features/delivery.ts";
import type { PostDraft } from "../../src/store/messages.ts";

const now = new Date("2026-11-23T02:00:00Z");
const platforms = createPlatformRegistry(loadConfig({}));
const groups = new Map([
  ["g-sandbox", { id: "g-sandbox", platform: "sandbox", kind: "residents" }],
  ["g-wecom", { id: "g-wecom", platform: "wecom", kind: "residents" }],
  ["g-ding", { id: "g-ding", platform: "dingtalk", kind: "residents" }],
]);
const post = (groupId: string, kind: PostDraft["kind"], text = "工单 #1 已受理"): PostDraft => ({ groupId, text, mentions: [], kind, ticketNumber: 1 });
const session = { url: "https://oapi.dingtalk.com/robot/sendBySession?session=x", expiresAt: new Date(now.getTime() + 60_000) };

describe("delivery planning", () => {
  it("delivers sandbox posts by storing them, and WeCom replies in the callback's answer", () => {
    const rows = planDeliveries([post("g-sandbox", "notice"), post("g-wecom", "reply"), post("g-wecom", "private_reply")], groups, undefined, now, platforms);
    expect(rows.map((row) => [row.channel, row.status])).toEqual([
      ["sandbox", "sent"],
      ["passive", "sent"],
      ["passive", "sent"],
    ]);
  });

  it("queues proactive posts for the group robots", () => {
    const rows = planDeliveries([post("g-wecom", "notice"), post("g-ding", "notice")], groups, session, now, platforms);
    expect(rows.map((row) => [row.channel, row.status])).toEqual([
      ["wecom_webhook", "pending"],
      ["dingtalk_webhook", "pending"],
    ]);
  });

  it("sends DingTalk replies to the sessionWebhook while it is valid, to the group robot after", () => {
    expect(planDeliveries([post("g-ding", "reply")], groups, session, now, platforms)[0]).toMatchObject({ channel: "dingtalk_session", target: session.url });
    const expired = { ...session, expiresAt: new Date(now.getTime() - 1) };
    expect(planDeliveries([post("g-ding", "reply")], groups, expired, now, platforms)[0]).toMatchObject({ channel: "dingtalk_webhook" });
  });

  it("splits a long WeCom post into pieces of at most 2048 bytes, in order, at line breaks", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `#${i + 1} 待受理｜物业维修｜3号楼楼道灯不亮`);
    const rows = planDeliveries([post("g-wecom", "notice", lines.join("\n"))], groups, undefined, now, platforms);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(Buffer.byteLength(row.text, "utf8")).toBeLessThanOrEqual(2048);
    expect(rows.map((row) => row.text).join("\n")).toBe(lines.join("\n"));
  });

  it("shows a resident's number whole only to staff: a work group, or a staff member's private reply", () => {
    const words = "工单 #1 内容：5号楼门禁坏了 联系我138-1234-5678";
    const residents = { id: "g-r", platform: "sandbox", kind: "residents" };
    const work = { id: "g-w", platform: "sandbox", kind: "staff" };
    const masked = "工单 #1 内容：5号楼门禁坏了 联系我138****5678";
    expect(asRead(post("g-r", "reply", words), residents).text).toBe(masked);
    expect(asRead(post("g-r", "notice", words), residents).text).toBe(masked);
    expect(asRead(post("g-w", "notice", words), work).text).toBe(words);
    expect(asRead(post("g-w", "reply", words), work).text).toBe(words);
    expect(asRead(post("g-r", "private_reply", words), residents, "grid_worker").text).toBe(words);
    expect(asRead(post("g-r", "private_reply", words), residents, "resident").text).toBe(masked);
    expect(asRead(post("g-w", "private_reply", words), work, null).text).toBe(masked);
    expect(asRead(post("g-x", "notice", words), { id: "g-x", platform: "sandbox", kind: "unknown" }).text).toBe(masked);
    const planned = planDeliveries(
      [post("g-r", "notice", words), post("g-w", "notice", words)],
      new Map([
        ["g-r", residents],
        ["g-w", work],
      ]),
      undefined,
      now,
      platforms,
    );
    expect(planned.map((row) => row.text)).toEqual([masked, words]);
  });
});
