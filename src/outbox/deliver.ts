import { sendDingtalkSession, sendDingtalkWebhook } from "../platforms/dingtalk/push.ts";
import type { OutgoingText, SendResult } from "../platforms/types.ts";
import { sendWecomWebhook } from "../platforms/wecom/push.ts";
import type { GroupRecord } from "../store/org.ts";
import type { OutboxPost } from "../store/outbox.ts";

export type Deliver = (post: OutboxPost, group: GroupRecord, message: OutgoingText, now: Date) => Promise<SendResult>;

export interface PlatformBases {
  wecomApiBase: string;
  dingtalkApiBase: string;
}

const NOT_CONFIGURED: SendResult = { ok: false, retryable: false, error: "群未配置机器人推送（pushKey），请通过 POST /api/groups 补充后重试" };

/** Sends one outbox post through the platform call its channel names. */
export function createDeliver(bases: PlatformBases): Deliver {
  return async (post, group, message, now) => {
    switch (post.channel) {
      case "wecom_webhook":
        return group.pushKey ? sendWecomWebhook(bases.wecomApiBase, group.pushKey, message) : NOT_CONFIGURED;
      case "dingtalk_session":
        if (post.target && post.targetExpiresAt && post.targetExpiresAt.getTime() > now.getTime()) {
          return sendDingtalkSession(post.target, message);
        }
        // The conversation's webhook has expired: the group's own robot, if it has one, still reaches it.
        return group.pushKey ? sendDingtalkWebhook(bases.dingtalkApiBase, group.pushKey, group.pushSecret, message, now) : NOT_CONFIGURED;
      case "dingtalk_webhook":
        return group.pushKey ? sendDingtalkWebhook(bases.dingtalkApiBase, group.pushKey, group.pushSecret, message, now) : NOT_CONFIGURED;
      default:
        return { ok: false, retryable: false, error: `channel ${post.channel} is not delivered by the outbox` };
    }
  };
}
