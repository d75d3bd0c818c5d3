import type { Inbound } from "../adapter.ts";
import { checkRobotCode, readDingtalkCallback } from "./callback.ts";
import type { DingtalkFiles } from "./media.ts";
import { sendDingtalkSession } from "./push.ts";
import type { DingtalkReplayGuard } from "./replay.ts";

export interface DingtalkReceiveOptions {
  apiBase: string;
  /** DINGTALK_ROBOT_CODE: when set, messages must name this robot. */
  robotCode?: string;
  /** Downloads the pictures messages name. */
  files?: DingtalkFiles;
  /**
   * For a transport without signed pairs (Stream): takes each message id with one identity only (a retry
   * passes, another message under its id does not). The callback route has done so with the pair.
   */
  replays?: DingtalkReplayGuard;
}

/**
 * One robot message, however it arrived (HTTP callback after its signature check, or a Stream CALLBACK
 * frame): decoded by the same function and handed to the door. Its replies are stored and leave through the
 * outbox to the conversation's sessionWebhook. Throws CallbackRejected for a body that is not ours, and
 * whatever `inbound.receive` throws when the message could not be stored (the platform then sends it again).
 */
export async function receiveDingtalkMessage(inbound: Inbound, body: unknown, options: DingtalkReceiveOptions): Promise<void> {
  checkRobotCode(body, options.robotCode);
  const message = readDingtalkCallback(body, options.apiBase, options.files);
  await options.replays?.claimMessageId(body, inbound.clock());
  if (!message) return;
  const result = await inbound.receive(message);
  if (result.status === "unbound" && message.replyUrl) {
    // The hint for an unbound chat is not stored (nothing is, for a chat we do not know): one attempt only.
    const hint = result.replies[0] ?? "";
    void sendDingtalkSession(message.replyUrl.url, { text: hint, mentionUserIds: [] }).catch(() => undefined);
  }
}
