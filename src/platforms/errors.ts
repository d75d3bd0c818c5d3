import type { SendFailure } from "../messaging/types.ts";

/** A callback that must be refused: 401 for a bad signature or stale timestamp, 400 for a body we cannot read. */
export class CallbackRejected extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
    this.name = "CallbackRejected";
  }
}

/** A proactive post to a group whose robot webhook is not configured: an operator must add it. */
export const PUSH_NOT_CONFIGURED = { ok: false, retryable: false, error: "群未配置机器人推送（pushKey），请通过 POST /api/groups 补充后重试" } as const;

/** The platform refused a send because the robot sent too fast: retried after at least `retryAfterMs`, burning no attempt. */
export function rateLimited(error: string, retryAfterMs: number): SendFailure {
  return { ok: false, retryable: true, error, retryAfterMs, rateLimited: true };
}
