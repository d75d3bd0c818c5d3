import { randomBytes } from "node:crypto";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import type { IncomingMessage } from "../../messaging/types.ts";
import { truncateToBytes } from "../bytes.ts";
import { CallbackRejected, openCiphertext, sealReply, type WecomKeys } from "./crypto.ts";

/** WeCom self-built app callback: 1:1 messages from staff and residents, XML, encrypted both ways. */

// Entities are not expanded and no DTD is honoured: a callback body is data, never markup to resolve.
// CDATA is kept apart so that its text is taken as written while entities in plain text are decoded.
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  cdataPropName: "#cdata",
});
const builder = new XMLBuilder({ cdataPropName: "#cdata", suppressEmptyNode: false });

function parseXml(xml: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new CallbackRejected(400, "DTDs are not accepted");
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch {
    throw new CallbackRejected(400, "body is not XML");
  }
  const root = (parsed as { xml?: unknown }).xml;
  if (!root || typeof root !== "object") throw new CallbackRejected(400, "body has no <xml> root");
  return root as Record<string, unknown>;
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is left as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name] ?? whole;
  });
}

/** An element's text: plain text decoded, CDATA as written; an element holding elements is refused. */
const field = (root: Record<string, unknown>, name: string): string => {
  const value = root[name];
  if (value === undefined || value === null) return "";
  if (typeof value === "string" || typeof value === "number") return decodeEntities(String(value));
  if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).every((key) => key === "#text" || key === "#cdata")) {
    const { "#text": text, "#cdata": cdata } = value as { "#text"?: unknown; "#cdata"?: unknown };
    return decodeEntities(text === undefined ? "" : String(text)) + (cdata === undefined ? "" : String(cdata));
  }
  throw new CallbackRejected(400, `<${name}> must hold text`);
};

export function appKeys(token: string, encodingAESKey: string, corpId: string): WecomKeys {
  return { token, encodingAESKey, receiveId: corpId };
}

export interface AppQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

export interface AppMessage {
  message: IncomingMessage | null;
  /** Who to address the passive reply to. */
  fromUser: string;
}

/** Opens an app callback; `message` is null for events and non-text messages. */
export function openAppCallback(keys: WecomKeys, query: AppQuery, xml: string): AppMessage {
  const envelope = parseXml(xml);
  const plaintext = openCiphertext(keys, {
    signature: query.msg_signature ?? "",
    timestamp: query.timestamp ?? "",
    nonce: query.nonce ?? "",
    ciphertext: field(envelope, "Encrypt"),
  });
  const inner = parseXml(plaintext);
  const fromUser = field(inner, "FromUserName");
  if (!fromUser) throw new CallbackRejected(400, "message has no sender");
  if (field(inner, "MsgType") !== "text" || !field(inner, "Content")) return { message: null, fromUser };
  // Events have no MsgId; WeCom documents FromUserName + CreateTime as their identity.
  const messageId = field(inner, "MsgId") || `${fromUser}:${field(inner, "CreateTime")}`;
  return {
    fromUser,
    message: { platform: "wecom", messageId: `app:${messageId}`, chatId: `app:${fromUser}`, userId: fromUser, text: field(inner, "Content"), private: true },
  };
}

/** The encrypted passive XML reply (content ≤ 2048 bytes). */
export function appReplyXml(keys: WecomKeys, toUser: string, content: string, now: Date): string {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(8).toString("hex");
  const plaintext = builder.build({
    xml: {
      ToUserName: { "#cdata": toUser },
      FromUserName: { "#cdata": keys.receiveId },
      CreateTime: timestamp,
      MsgType: { "#cdata": "text" },
      Content: { "#cdata": truncateToBytes(content, 2048) },
    },
  });
  const sealed = sealReply(keys, plaintext, timestamp, nonce);
  return builder.build({
    xml: { Encrypt: { "#cdata": sealed.ciphertext }, MsgSignature: { "#cdata": sealed.signature }, TimeStamp: timestamp, Nonce: { "#cdata": nonce } },
  });
}
