import { DINGTALK_TEXT_MAX_BYTES } from "../platforms/dingtalk/push.ts";
import { splitByBytes } from "../platforms/text.ts";
import type { IncomingMessage } from "../platforms/types.ts";
import { WECOM_TEXT_MAX_BYTES } from "../platforms/wecom/push.ts";
import type { Tx } from "../store/database.ts";
import { recordPosts, type OutboxRow, type PostDraft } from "../store/messages.ts";
import { groupsByIds } from "../store/org.ts";

export interface DeliveryGroup {
  id: string;
  platform: string;
}

/**
 * How each post reaches its group. Sandbox posts are delivered by being stored. WeCom replies travel in
 * the callback's own answer (passive reply). Everything else waits in the outbox: DingTalk replies go to
 * the conversation's sessionWebhook while it is valid, proactive posts to the group's robot webhook,
 * split to the platform's size limit.
 */
export function planDeliveries(posts: PostDraft[], groups: ReadonlyMap<string, DeliveryGroup>, replyUrl: IncomingMessage["replyUrl"], now: Date): OutboxRow[] {
  return posts.flatMap((post): OutboxRow[] => {
    const platform = groups.get(post.groupId)?.platform ?? "sandbox";
    const isReply = post.kind === "reply" || post.kind === "private_reply";
    if (platform === "sandbox") return [{ ...post, channel: "sandbox", status: "sent" }];
    if (platform === "wecom") {
      if (isReply) return [{ ...post, channel: "passive", status: "sent" }];
      return splitByBytes(post.text, WECOM_TEXT_MAX_BYTES).map((text) => ({ ...post, text, channel: "wecom_webhook", status: "pending" }));
    }
    const session = isReply && replyUrl && replyUrl.expiresAt.getTime() > now.getTime() ? replyUrl : null;
    return splitByBytes(post.text, DINGTALK_TEXT_MAX_BYTES).map((text) =>
      session
        ? { ...post, text, channel: "dingtalk_session", status: "pending", target: session.url, targetExpiresAt: session.expiresAt }
        : { ...post, text, channel: "dingtalk_webhook", status: "pending" },
    );
  });
}

/** Plans posts for the groups they go to, looking the groups up. */
export async function planPosts(tx: Tx, posts: PostDraft[], replyUrl: IncomingMessage["replyUrl"], now: Date): Promise<OutboxRow[]> {
  const groups = new Map((await groupsByIds(tx, [...new Set(posts.map((post) => post.groupId))])).map((group) => [group.id, group]));
  return planDeliveries(posts, groups, replyUrl, now);
}

/** Plans and stores posts that no message caused (reminders, 督办, digests), in the caller's transaction. */
export async function queuePosts(tx: Tx, posts: PostDraft[], now: Date): Promise<void> {
  await recordPosts(tx, await planPosts(tx, posts, undefined, now), now);
}
