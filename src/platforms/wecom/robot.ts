import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { IncomingMessage } from "../../messaging/types.ts";
import { CallbackRejected, openCiphertext, sealReply, type WecomKeys } from "./crypto.ts";

/** WeCom intelligent robot (智能机器人), API mode: JSON callbacks, encrypted both ways. */

const plaintextSchema = z.object({
  msgid: z.string().min(1),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(["group", "single"]),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  mixed: z.object({ msg_item: z.array(z.object({ msgtype: z.string(), text: z.object({ content: z.string() }).optional() })) }).optional(),
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

/** Opens a message callback. Returns null for callbacks that carry no text for us (stream refreshes, events, images). */
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
  return readRobotMessage(json);
}

/**
 * Reads a robot message as both transports deliver it: the callback's decrypted plaintext, or the body of a
 * long connection's aibot_msg_callback frame (the same JSON, unencrypted). Null when it carries no text for us.
 */
export function readRobotMessage(json: unknown): IncomingMessage | null {
  const result = plaintextSchema.safeParse(json);
  if (!result.success) throw new CallbackRejected(400, "plaintext is not a robot message");
  const parsed: RobotPlaintext = result.data;
  const text =
    parsed.msgtype === "text"
      ? parsed.text?.content
      : parsed.msgtype === "mixed"
        ? parsed.mixed?.msg_item
            .filter((item) => item.msgtype === "text")
            .map((item) => item.text?.content ?? "")
            .join(" ")
        : undefined;
  if (!text?.trim()) return null;
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
