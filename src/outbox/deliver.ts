import type { OutgoingText, SendResult } from "../messaging/types.ts";
import type { GroupRecord } from "../store/org.ts";
import type { OutboxPost } from "../store/outbox.ts";

/** Sends one queued post through its group's platform (PlatformRegistry.send). */
export type Deliver = (post: OutboxPost, group: GroupRecord, message: OutgoingText, now: Date) => Promise<SendResult>;
