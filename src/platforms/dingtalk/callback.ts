import { z } from "zod";
import { CallbackRejected } from "../errors.ts";
import type { IncomingImage, IncomingMessage, QuotedMessage } from "../../messaging/types.ts";
import type { DingtalkFiles } from "./media.ts";
import { dingtalkSignature, signaturesMatch } from "./sign.ts";

/** DingTalk enterprise robot HTTP callback: signed headers, JSON body, replies through sessionWebhook. */

const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;

const bodySchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  // isReplyMsg / repliedMsg: a reply to (quote of) another message; undocumented, read defensively.
  text: z.object({ content: z.string(), isReplyMsg: z.boolean().optional(), repliedMsg: z.unknown().optional() }).optional(),
  /** picture, richText and audio messages carry their parts here. */
  content: z.unknown().optional(),
  conversationId: z.string().min(1),
  conversationType: z.enum(["1", "2"]),
  conversationTitle: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderId: z.string().optional(),
  senderNick: z.string().optional(),
  isInAtList: z.boolean().optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() })).optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  robotCode: z.string().optional(),
  chatbotUserId: z.string().optional(),
});

export interface DingtalkHeaders {
  timestamp?: string;
  sign?: string;
}

/** Rejects a missing or wrong sign, or a timestamp more than an hour off. */
export function verifyDingtalkCallback(appSecret: string, headers: DingtalkHeaders, now: Date): void {
  const timestamp = headers.timestamp ?? "";
  const sign = headers.sign ?? "";
  if (!/^\d{10,16}$/.test(timestamp) || !sign) throw new CallbackRejected(401, "missing timestamp or sign");
  if (Math.abs(now.getTime() - Number(timestamp)) > MAX_CLOCK_SKEW_MS) throw new CallbackRejected(401, "stale timestamp");
  if (!signaturesMatch(dingtalkSignature(appSecret, timestamp), sign)) throw new CallbackRejected(401, "bad sign");
}

/** With a robot code configured, a callback for another robot (even one signed with our secret) is refused. */
export function checkRobotCode(body: unknown, robotCode: string | undefined): void {
  if (!robotCode) return;
  const given = typeof body === "object" && body !== null ? (body as { robotCode?: unknown }).robotCode : undefined;
  if (given !== robotCode) throw new CallbackRejected(401, "robotCode does not match");
}

const pictureSchema = z.object({ downloadCode: z.string().min(1) });
const richTextSchema = z.object({
  richText: z.array(z.object({ text: z.string().optional(), type: z.string().optional(), downloadCode: z.string().optional() })),
});
const audioSchema = z.object({ recognition: z.string().optional() });

interface Content {
  text: string;
  images: IncomingImage[];
  voice: boolean;
}

/**
 * What a message says and shows: text; a picture; richText (text runs and pictures, in order); audio (1:1
 * chats only), of which DingTalk gives its transcript (`recognition`). Null for anything else (files, video).
 */
function readContent(data: z.infer<typeof bodySchema>, files: DingtalkFiles | undefined): Content | null {
  const image = (downloadCode: string): IncomingImage =>
    files ? files.image(downloadCode, data.robotCode) : { fetch: () => Promise.reject(new Error("DingTalk file downloads are not configured")) };
  switch (data.msgtype) {
    case "text":
      return data.text?.content.trim() ? { text: data.text.content, images: [], voice: false } : null;
    case "picture": {
      const picture = pictureSchema.safeParse(data.content);
      return picture.success ? { text: "", images: [image(picture.data.downloadCode)], voice: false } : null;
    }
    case "richText": {
      const rich = richTextSchema.safeParse(data.content);
      if (!rich.success) return null;
      const text = rich.data.richText
        .map((part) => part.text ?? "")
        .join("")
        .trim();
      const images = rich.data.richText.flatMap((part) => (part.downloadCode && (part.type ?? "picture") === "picture" ? [image(part.downloadCode)] : []));
      return text || images.length ? { text, images, voice: false } : null;
    }
    case "audio": {
      const audio = audioSchema.safeParse(data.content);
      return { text: audio.success ? (audio.data.recognition ?? "") : "", images: [], voice: true };
    }
    default:
      return null;
  }
}

/**
 * Reads a verified callback body. The sessionWebhook is kept only when it points at the configured
 * DingTalk API host: the bot never posts to an address a payload merely names.
 */
export function readDingtalkCallback(body: unknown, apiBase: string, files?: DingtalkFiles): IncomingMessage | null {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw new CallbackRejected(400, "body is not a robot message");
  const data = parsed.data;
  const content = readContent(data, files);
  if (!content) return null;
  const userId = data.senderStaffId || data.senderId;
  if (!userId) throw new CallbackRejected(400, "message has no sender");
  const message: IncomingMessage = {
    platform: "dingtalk",
    messageId: data.msgId,
    chatId: data.conversationId,
    userId,
    text: content.text,
    private: data.conversationType === "1",
    // DingTalk delivers group messages only when they @ the robot, and strips that mention from the text.
    addressed: true,
    ...(data.senderNick ? { userName: data.senderNick } : {}),
    ...(data.conversationTitle ? { chatTitle: data.conversationTitle } : {}),
    ...(content.images.length ? { images: content.images } : {}),
    ...(content.voice ? { voice: true } : {}),
  };
  const quote = readRepliedMessage(data.text?.isReplyMsg, data.text?.repliedMsg);
  if (quote) message.quote = quote;
  const mentioned = (data.atUsers ?? []).filter((user) => user.dingtalkId !== data.chatbotUserId && user.staffId).map((user) => user.staffId!);
  if (mentioned.length) message.mentionedUserIds = mentioned;
  if (data.sessionWebhook && data.sessionWebhookExpiredTime && sameOrigin(data.sessionWebhook, apiBase)) {
    message.replyUrl = { url: data.sessionWebhook, expiresAt: new Date(data.sessionWebhookExpiredTime) };
  }
  return message;
}

/**
 * The message a DingTalk message replies to, as community reports describe it (`text.repliedMsg` with
 * `content.text` or `content` as text, and the author's `senderStaffId`): nothing here is documented, so any
 * other shape is no quote. Only a staff id names the author as the bot knows members; otherwise unknown.
 */
export function readRepliedMessage(isReplyMsg: boolean | undefined, replied: unknown): QuotedMessage | undefined {
  if (isReplyMsg === false || !replied || typeof replied !== "object") return undefined;
  const record = replied as Record<string, unknown>;
  const content = record.content;
  const text =
    typeof content === "string"
      ? content
      : content && typeof content === "object" && typeof (content as { text?: unknown }).text === "string"
        ? (content as { text: string }).text
        : typeof record.text === "string"
          ? record.text
          : "";
  if (!text.trim()) return undefined;
  const author = typeof record.senderStaffId === "string" && record.senderStaffId ? record.senderStaffId : undefined;
  return { text: text.trim(), ...(author ? { userId: author } : {}) };
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}
