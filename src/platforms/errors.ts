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

/** The platform did not answer (connection failed, timed out, 5xx). */
export function outage(error: string): SendFailure {
  return { ok: false, kind: "outage", error };
}

/** The platform answered no, but a later try may pass (system busy, an expired token). */
export function rejected(error: string): SendFailure {
  return { ok: false, kind: "rejected", error };
}

/** No retry can help: an operator must act. */
export function permanent(error: string): SendFailure {
  return { ok: false, kind: "permanent", error };
}

/** The platform refused a send because the robot sent too fast: retried after at least `retryAfterMs`, burning no attempt. */
export function rateLimited(error: string, retryAfterMs: number): SendFailure {
  return { ok: false, kind: "rateLimited", error, retryAfterMs };
}

/** A proactive post to a group whose robot webhook is not configured: an operator must add it. */
export const PUSH_NOT_CONFIGURED = permanent("群未配置机器人推送（pushKey），请通过 POST /api/groups 补充后重试");

/** The answer for a channel a platform does not deliver through the outbox (e.g. a passive reply). */
export function notDeliveredByOutbox(channel: string): SendFailure {
  return permanent(`channel ${channel} is not delivered by the outbox`);
}
