import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { IncomingAction, IncomingImage, IncomingMessage, PlannedCard, QuotedMessage } from "../../messaging/types.ts";
import { truncateToBytes } from "../bytes.ts";
import { CallbackRejected, openCiphertext, sealReply, type WecomKeys } from "./crypto.ts";
import { wecomImage } from "./media.ts";

/** WeCom intelligent robot (智能机器人), API mode: JSON callbacks, encrypted both ways. */

const imageSchema = z.object({ url: z.string().min(1), aeskey: z.string().optional() });
const textItem = z.object({ content: z.string() });
const mixedSchema = z.object({ msg_item: z.array(z.object({ msgtype: z.string(), text: textItem.optional(), image: imageSchema.optional() }).loose()) });
/** A quoted message: its type and content, with no msgid and no author (WeCom does not say who wrote it). */
const quoteSchema = z.object({ msgtype: z.string(), text: textItem.optional(), mixed: mixedSchema.optional(), voice: textItem.optional() }).loose();
/** A button click: card_type, event_key and task_id under template_card_event (the doc) or flat (the SDK's types). */
const cardEventFields = z.object({ card_type: z.string().optional(), event_key: z.string().optional(), task_id: z.string().optional() }).loose();
const eventSchema = cardEventFields.extend({ eventtype: z.string(), template_card_event: cardEventFields.optional() });

const plaintextSchema = z.object({
  msgid: z.string().min(1),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(["group", "single"]).optional(),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: textItem.optional(),
  image: imageSchema.optional(),
  voice: z.object({ content: z.string().optional() }).optional(),
  mixed: mixedSchema.optional(),
  quote: quoteSchema.optional(),
  event: eventSchema.optional(),
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

/** What a robot callback carries for the bot: a message, a button click, or nothing (stream refreshes, images). */
export interface RobotCallback {
  message?: IncomingMessage;
  action?: IncomingAction;
}

/** Opens a message callback. Returns null for callbacks that carry no text for us (stream refreshes, events, images). */
export function openRobotCallback(keys: WecomKeys, query: RobotQuery, body: unknown): IncomingMessage | null {
  return openRobotCallbackOf(keys, query, body).message ?? null;
}

/** Opens any robot callback: verified and decrypted, then read as a message or a card click. */
export function openRobotCallbackOf(keys: WecomKeys, query: RobotQuery, body: unknown): RobotCallback {
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
  return readRobotPayload(json, keys.encodingAESKey);
}

/**
 * Reads a robot message or event body once it is in the clear: the callback's decrypted plaintext, or the
 * `body` of a long connection's aibot_msg_callback / aibot_event_callback frame (same JSON, no encryption).
 * A picture is decrypted with its own `aeskey` when the message gives one, otherwise with `mediaKey` (the
 * robot's EncodingAESKey in callback mode).
 */
export function readRobotPayload(json: unknown, mediaKey: string): RobotCallback {
  const result = plaintextSchema.safeParse(json);
  if (!result.success) throw new CallbackRejected(400, "plaintext is not a robot message");
  const parsed = result.data;
  if (parsed.msgtype === "event") {
    const action = readCardEvent(parsed);
    return action ? { action } : {};
  }
  const message = messageOf(parsed, mediaKey);
  return message ? { message } : {};
}

/**
 * Decodes a robot message: text, 图文混排 (its text items and its pictures), a picture and a transcribed
 * voice message (the last two reach the robot in 1:1 chats only), with what it quotes.
 */
export function readRobotMessage(json: unknown, mediaKey: string): IncomingMessage | null {
  return readRobotPayload(json, mediaKey).message ?? null;
}

const mixedText = (mixed: z.infer<typeof mixedSchema> | undefined) =>
  mixed?.msg_item
    .filter((item) => item.msgtype === "text")
    .map((item) => item.text?.content ?? "")
    .join(" ");

const chatIdOf = (parsed: RobotPlaintext) => (parsed.chattype === "group" && parsed.chatid ? parsed.chatid : `single:${parsed.from.userid}`);

function messageOf(parsed: RobotPlaintext, mediaKey: string): IncomingMessage | null {
  if (!parsed.chattype) throw new CallbackRejected(400, "message has no chattype");
  const image = (item: z.infer<typeof imageSchema>) => wecomImage(item.url, item.aeskey ?? mediaKey);
  let text: string | undefined;
  let images: IncomingImage[] = [];
  let voice = false;
  switch (parsed.msgtype) {
    case "text":
      text = parsed.text?.content;
      break;
    case "mixed": {
      text = mixedText(parsed.mixed);
      images = (parsed.mixed?.msg_item ?? []).flatMap((item) => (item.msgtype === "image" && item.image ? [image(item.image)] : []));
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
  const quote = readQuote(parsed.quote);
  return {
    platform: "wecom",
    messageId: parsed.msgid,
    chatId: chatIdOf(parsed),
    userId: parsed.from.userid,
    // In a group the text starts with the robot's own @-mention, under whatever name WeCom shows it.
    text: isGroup ? text.replace(/^\s*@\S+\s*/, "") : text,
    private: !isGroup,
    addressed: true,
    ...(images.length ? { images } : {}),
    ...(voice ? { voice } : {}),
    ...(quote ? { quote } : {}),
  };
}

/** The quoted words, without author: WeCom's quote carries content only. */
function readQuote(quote: z.infer<typeof quoteSchema> | undefined): QuotedMessage | undefined {
  if (!quote) return undefined;
  const text = quote.msgtype === "mixed" ? mixedText(quote.mixed) : (quote.text?.content ?? quote.voice?.content);
  return text?.trim() ? { text: text.trim() } : undefined;
}

/** A template card click; other events (enter chat, feedback) carry nothing for the bot. */
function readCardEvent(parsed: RobotPlaintext): IncomingAction | null {
  const event = parsed.event;
  if (event?.eventtype !== "template_card_event") return null;
  const taskId = event.template_card_event?.task_id ?? event.task_id;
  const key = event.template_card_event?.event_key ?? event.event_key;
  if (!taskId || !key) throw new CallbackRejected(400, "card event has no task_id or event_key");
  return {
    platform: "wecom",
    actionId: taskId,
    userId: parsed.from.userid,
    ...(parsed.chatid ? { chatId: chatIdOf(parsed) } : {}),
    value: key,
  };
}

/** A button card (button_interaction) as WeCom's robot shows it: each button's key is the command it stands for. */
export function wecomTemplateCard(card: PlannedCard, note?: string): Record<string, unknown> {
  return {
    card_type: "button_interaction",
    main_title: { title: truncateToBytes(card.title, 128) },
    ...(note ? { sub_title_text: truncateToBytes(note, 512) } : {}),
    button_list: card.buttons.slice(0, 6).map((button) => ({ text: button.label, style: 1, key: button.value })),
    task_id: card.actionId,
  };
}

function seal(keys: WecomKeys, payload: unknown, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(8).toString("hex");
  const sealed = sealReply(keys, JSON.stringify(payload), timestamp, nonce);
  return { encrypt: sealed.ciphertext, msgsignature: sealed.signature, timestamp, nonce };
}

/** The passive reply with a card: the words as a finished stream, the buttons as a template card under them. */
export function robotCardReplyBody(keys: WecomKeys, content: string, card: PlannedCard, now: Date): Record<string, string> {
  return seal(keys, { msgtype: "stream_with_template_card", stream: { id: randomUUID(), finish: true, content }, template_card: wecomTemplateCard(card) }, now);
}

/** The answer to a click: the clicker's card, updated in place with what the click came to. */
export function robotCardUpdateBody(keys: WecomKeys, userId: string, card: PlannedCard, answer: string, now: Date): Record<string, string> {
  return seal(keys, { response_type: "update_template_card", userids: [userId], template_card: wecomTemplateCard(card, answer) }, now);
}

/** The encrypted passive reply: a finished stream message carrying the whole answer. */
export function robotReplyBody(keys: WecomKeys, content: string, now: Date): Record<string, string> {
  return seal(keys, { msgtype: "stream", stream: { id: randomUUID(), finish: true, content } }, now);
}
