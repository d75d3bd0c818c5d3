import { randomBytes } from "node:crypto";
import { encrypt, getSignature } from "@wecom/crypto";

/** The run's WeCom intelligent robot (callback mode), as the benchmarks sign theirs (scripts/bench-wecom.ts). */
export const RUN_ROBOT = { token: "multiInstanceToken", encodingAESKey: "m".repeat(12) + "CdEfGhIjKlMnOpQrStUvWxYz0123456" };

/** One signed, encrypted robot callback: the path with its signature and the JSON body. */
export interface SignedCallback {
  path: string;
  body: string;
}

/** What WeCom would send for a resident's @-mention in a group chat, signed now. */
export function signedRobotCallback(message: { msgid: string; chatId: string; userId: string; text: string }): SignedCallback {
  const plaintext = JSON.stringify({
    msgid: message.msgid,
    aibotid: "MULTIBOT",
    chatid: message.chatId,
    chattype: "group",
    from: { userid: message.userId },
    msgtype: "text",
    text: { content: `@议事助手 ${message.text}` },
  });
  const ciphertext = encrypt(RUN_ROBOT.encodingAESKey, plaintext, "", randomBytes(16));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString("hex");
  return {
    path: `/wecom/bot?msg_signature=${getSignature(RUN_ROBOT.token, timestamp, nonce, ciphertext)}&timestamp=${timestamp}&nonce=${nonce}`,
    body: JSON.stringify({ encrypt: ciphertext }),
  };
}
