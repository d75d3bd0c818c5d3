import { postJson } from "../http.ts";
import { permanent, rateLimited, rejected } from "../errors.ts";
import type { OutgoingText, SendResult } from "../../messaging/types.ts";

/** 消息推送 (group robot webhook): text ≤ 2048 bytes, 20 messages a minute per robot. */
export const WECOM_TEXT_MAX_BYTES = 2048;

const BUSY = new Set([-1, 45033]); // system busy; too many concurrent calls: a later try may pass
const RATE_LIMITED = 45009;

export async function sendWecomWebhook(apiBase: string, key: string, message: OutgoingText): Promise<SendResult> {
  const url = `${apiBase}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  const answer = await postJson(url, {
    msgtype: "text",
    text: { content: message.text, mentioned_list: message.mentionUserIds },
  });
  if (!answer.ok) return answer.failure;
  return wecomAnswer(Number(answer.json.errcode ?? 0), answer.json.errmsg);
}

/** What WeCom's errcode means for a send, over the webhook or the long connection. */
export function wecomAnswer(code: number, errmsg: unknown): SendResult {
  if (code === 0) return { ok: true };
  const error = `errcode ${code}: ${String(errmsg ?? "")}`;
  if (code === RATE_LIMITED) return rateLimited(error, 60_000);
  // 93000: the webhook is invalid or the robot was removed from the group; retrying cannot help.
  return BUSY.has(code) ? rejected(error) : permanent(error);
}
