import { postJson } from "../http.ts";
import { rateLimited } from "../errors.ts";
import type { OutgoingText, SendResult } from "../../messaging/types.ts";

/** 消息推送 (group robot webhook): text ≤ 2048 bytes, 20 messages a minute per robot. */
export const WECOM_TEXT_MAX_BYTES = 2048;

const RETRYABLE = new Set([-1, 45009, 45033]); // system busy; frequency limit; too many concurrent calls
const RATE_LIMITED = 45009;

export async function sendWecomWebhook(apiBase: string, key: string, message: OutgoingText): Promise<SendResult> {
  const url = `${apiBase}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  const answer = await postJson(url, {
    msgtype: "text",
    text: { content: message.text, mentioned_list: message.mentionUserIds },
  });
  if (!answer.ok) return answer.result;
  const code = Number(answer.json.errcode ?? 0);
  if (code === 0) return { ok: true };
  const error = `errcode ${code}: ${String(answer.json.errmsg ?? "")}`;
  if (code === RATE_LIMITED) return rateLimited(error, 60_000);
  // 93000: the webhook is invalid or the robot was removed from the group; retrying cannot help.
  return { ok: false, retryable: RETRYABLE.has(code), error };
}
