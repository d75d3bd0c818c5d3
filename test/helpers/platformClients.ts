import { createCipheriv, randomBytes } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";
import { dingtalkSignature } from "../../src/platforms/dingtalk/sign.ts";

/** Test keys for a WeCom intelligent robot (receive id ""). */
export const ROBOT = { token: "yishiRobotToken", encodingAESKey: "a".repeat(11) + "BcDeFgHiJkLmNoPqRsTuVwXyZ0123456" };
export const DINGTALK_SECRET = "yishi-dingtalk-app-secret";

/** What WeCom sends: the plaintext JSON encrypted, the signature in the query. */
export function wecomRobotCallback(plaintext: object, timestamp = "1795453800", nonce = "18273645") {
  const ciphertext = encrypt(ROBOT.encodingAESKey, JSON.stringify(plaintext), "", randomBytes(16));
  const signature = getSignature(ROBOT.token, timestamp, nonce, ciphertext);
  return { path: `/wecom/bot?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, body: { encrypt: ciphertext } };
}

/** Opens the bot's encrypted passive answer, checking its signature, and returns its JSON. */
export function openRobotPayload(body: { encrypt: string; msgsignature: string; timestamp: string; nonce: string }): any {
  if (getSignature(ROBOT.token, body.timestamp, body.nonce, body.encrypt) !== body.msgsignature) throw new Error("reply signature does not match");
  const opened = decrypt(ROBOT.encodingAESKey, body.encrypt);
  if (opened.id !== "") throw new Error("reply receive id is not empty");
  return JSON.parse(opened.message);
}

/** Opens the bot's encrypted passive reply and returns the stream content (a card under it aside). */
export function openRobotReply(body: { encrypt: string; msgsignature: string; timestamp: string; nonce: string }): string {
  const reply = openRobotPayload(body) as { msgtype: string; stream: { finish: boolean; content: string } };
  if (!["stream", "stream_with_template_card"].includes(reply.msgtype) || !reply.stream.finish) throw new Error("reply is not a finished stream");
  return reply.stream.content;
}

export function dingtalkHeaders(now: Date): Record<string, string> {
  const timestamp = String(now.getTime());
  return { timestamp, sign: dingtalkSignature(DINGTALK_SECRET, timestamp) };
}

/**
 * How WeCom encrypts a media file, written out independently of the bot's code: AES-256-CBC with the key
 * base64decode(aesKey + "="), IV its first 16 bytes, PKCS#7 padding to a multiple of 32.
 */
export function encryptWecomMedia(plain: Uint8Array, aesKey: string): Buffer {
  const key = Buffer.from(aesKey.length === 43 ? `${aesKey}=` : aesKey, "base64");
  const pad = 32 - (plain.byteLength % 32);
  const padded = Buffer.concat([Buffer.from(plain), Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}
