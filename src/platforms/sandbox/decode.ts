import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { IncomingMessage } from "../../messaging/types.ts";

/** The sandbox platform's name, stored with its groups and members. */
export const SANDBOX = "sandbox";

/** What a person (or a test) posts to the sandbox: a member of a demo group says something. */
export const sandboxMessageSchema = z.object({
  userId: z.string().min(1).max(64),
  text: z.string().trim().min(1, "text must not be empty").max(2000),
  /** Optional: repeat it to simulate a platform retry. */
  messageId: z.string().min(1).max(128).optional(),
  /** Optional: the message quoted (引用), with its author where known, as a staff member's 立案 uses it. */
  quote: z.object({ text: z.string().trim().min(1).max(2000), userId: z.string().min(1).max(64).optional() }).optional(),
});

export type SandboxMessage = z.infer<typeof sandboxMessageSchema>;

/** Sandbox groups and members use their own ids as platform ids. */
export function toIncomingMessage(groupChatId: string, body: SandboxMessage): IncomingMessage {
  return {
    platform: SANDBOX,
    messageId: body.messageId ?? randomUUID(),
    chatId: groupChatId,
    userId: body.userId,
    text: body.text,
    ...(body.quote ? { quote: { text: body.quote.text, ...(body.quote.userId ? { userId: body.quote.userId } : {}) } } : {}),
    // Sandbox members are the demo's; a real platform's first-time sender is enrolled instead.
    knownMembersOnly: true,
    // Anyone can speak as the demo secretary here, so a real group's tickets stay out of reach.
    ownPlatformTicketsOnly: true,
  };
}
