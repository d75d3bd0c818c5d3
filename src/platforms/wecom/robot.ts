import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { IncomingImage, IncomingMessage } from "../../messaging/types.ts";
import { CallbackRejected, openCiphertext, sealReply, type WecomKeys } from "./crypto.ts";
import { wecomImage } from "./media.ts";

/** WeCom intelligent robot (智能机器人), API mode: JSON callbacks, encrypted both ways. */

const imageSchema = z.object({ url: z.string().min(1), aeskey: z.string().optional() });

const plaintextSchema = z.object({
  msgid: z.string().min(1),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(["group", "single"]),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  image: imageSchema.optional(),
  voice: z.object({ content: z.string().optional() }).optional(),
  mixed: z
    .object({
      msg_item: z.array(z.object({ msgtype: z.string(), text: z.object({ content: z.string() }).optional(), image: imageSchema.optional() })),
    })
    .optional(),
});

export type RobotPlaintext = z.infer<typeof plaintextSchema>;

export function robotKeys(token: string, encodingAESKey: string): WecomKeys {
  return { token, encodingAESKey, receiveId: "" };
}

export interface RobotQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/** URL verification: the decrypted echostr, to be answered as is. */
export function verifyRobotUrl(keys: WecomKeys, query: RobotQuery): string {
  return openCiphertext(keys, {
    signature: query.msg_signature ?? "",
    timestamp: query.timestamp ?? "",
    nonce: query.nonce ?? "",
    ciphertext: query.echostr ?? "",
  });
}

/** Opens a message callback. Returns null for callbacks that carry nothing for us (stream refreshes, events, files). */
export function openRobotCallback(keys: WecomKeys, query: RobotQuery, body: unknown): IncomingMessage | null {
  const envelope = z.object({ encrypt: z.string().min(1) }).safeParse(body);
  if (!envelope.success) throw new CallbackRejected(400, "body has no encrypt field");
  const plaintext = openCiphertext(keys, {
    signature: query.msg_signature ?? "",
    timestamp: query.timestamp ?? "",
    nonce: query.nonce ?? "",
    ciphertext: envelope.data.encrypt,
  });
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new CallbackRejected(400, "plaintext is not a robot message");
  }
  return readRobotMessage(json, keys.encodingAESKey);
}

/**
 * Decodes a robot message (the plaintext of a callback, or a long connection's message body): text, 图文混排
 * (its text items and its pictures), a picture and a transcribed voice message (the last two reach the robot in
 * 1:1 chats only). A picture is decrypted with its own `aeskey` when the message gives one, otherwise with
 * `mediaKey` (the robot's EncodingAESKey in callback mode).
 */
export function readRobotMessage(json: unknown, mediaKey: string): IncomingMessage | null {
  const read = plaintextSchema.safeParse(json);
  if (!read.success) throw new CallbackRejected(400, "plaintext is not a robot message");
  const parsed = read.data;
  const image = (item: z.infer<typeof imageSchema>) => wecomImage(item.url, item.aeskey ?? mediaKey);
  let text: string | undefined;
  let images: IncomingImage[] = [];
  let voice = false;
  switch (parsed.msgtype) {
    case "text":
      text = parsed.text?.content;
      break;
    case "mixed": {
      const items = parsed.mixed?.msg_item ?? [];
      text = items
        .filter((item) => item.msgtype === "text")
        .map((item) => item.text?.content ?? "")
        .join(" ");
      images = items.flatMap((item) => (item.msgtype === "image" && item.image ? [image(item.image)] : []));
      break;
    }
    case "image":
      text = "";
      images = parsed.image ? [image(parsed.image)] : [];
      break;
    case "voice":
      // WeCom sends only the transcript; an empty one is still answered (asked to say it again or type it).
      text = parsed.voice?.content ?? "";
      voice = true;
      break;
  }
  if (text === undefined || (!text.trim() && !images.length && !voice)) return null;
  const isGroup = parsed.chattype === "group" && Boolean(parsed.chatid);
  return {
    platform: "wecom",
    messageId: parsed.msgid,
    chatId: isGroup ? parsed.chatid! : `single:${parsed.from.userid}`,
    userId: parsed.from.userid,
    // In a group the text starts with the robot's own @-mention, under whatever name WeCom shows it.
    text: isGroup ? text.replace(/^\s*@\S+\s*/, "") : text,
    private: !isGroup,
    addressed: true,
    ...(images.length ? { images } : {}),
    ...(voice ? { voice } : {}),
  };
}

/** The encrypted passive reply: a finished stream message carrying the whole answer. */
export function robotReplyBody(keys: WecomKeys, content: string, now: Date): Record<string, string> {
  const plaintext = JSON.stringify({ msgtype: "stream", stream: { id: randomUUID(), finish: true, content } });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(8).toString("hex");
  const sealed = sealReply(keys, plaintext, timestamp, nonce);
  return { encrypt: sealed.ciphertext, msgsignature: sealed.signature, timestamp, nonce };
}
