import { postJson } from "../http.ts";
import { permanent, rateLimited, rejected } from "../errors.ts";
import type { OutgoingText, SendResult } from "../../messaging/types.ts";
import { dingtalkSignature } from "./sign.ts";

/** Custom robot webhook and sessionWebhook: 20 messages a minute per robot. */
export const DINGTALK_TEXT_MAX_BYTES = 4000;

const THROTTLED = 130101; // sending too fast: DingTalk throttles the robot for ten minutes
const BUSY = -1; // system busy: a later try may pass

function textBody(message: OutgoingText) {
  return { msgtype: "text", text: { content: message.text }, at: { atUserIds: message.mentionUserIds, isAtAll: false } };
}

function interpret(json: Record<string, unknown>): SendResult {
  const code = Number(json.errcode ?? 0);
  if (code === 0) return { ok: true };
  const error = `errcode ${code}: ${String(json.errmsg ?? "")}`;
  if (code === THROTTLED) return rateLimited(error, 10 * 60_000);
  // 310000 (keyword, timestamp, sign or IP rejected) and the rest need an operator, not a retry.
  return code === BUSY ? rejected(error) : permanent(error);
}

export async function sendDingtalkWebhook(apiBase: string, accessToken: string, secret: string | null, message: OutgoingText, now: Date): Promise<SendResult> {
  const params = new URLSearchParams({ access_token: accessToken });
  if (secret) {
    const timestamp = String(now.getTime());
    params.set("timestamp", timestamp);
    params.set("sign", dingtalkSignature(secret, timestamp));
  }
  const answer = await postJson(`${apiBase}/robot/send?${params.toString()}`, textBody(message));
  return answer.ok ? interpret(answer.json) : answer.failure;
}

export async function sendDingtalkSession(sessionWebhook: string, message: OutgoingText): Promise<SendResult> {
  const answer = await postJson(sessionWebhook, textBody(message));
  return answer.ok ? interpret(answer.json) : answer.failure;
}
