import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ImageTooLarge } from "../../messaging/errors.ts";
import type { IncomingImage, IncomingMessage } from "../../messaging/types.ts";

/** The sandbox platform's name, stored with its groups and members. */
export const SANDBOX = "sandbox";

/** A sandbox message shows at most this many photos. */
export const SANDBOX_MAX_IMAGES = 3;

const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/]+={0,2})$/;

/** What a person (or a test) posts to the sandbox: a member of a demo group says something, with photos or not. */
export const sandboxMessageSchema = z
  .object({
    userId: z.string().min(1).max(64),
    text: z.string().trim().max(2000).default(""),
    /** Photos as data URLs (data:image/png;base64,…); their type is checked from their bytes. */
    images: z.array(z.string().regex(DATA_URL, "must be a base64 data:image/… URL")).max(SANDBOX_MAX_IMAGES).default([]),
    /** Optional: repeat it to simulate a platform retry. */
    messageId: z.string().min(1).max(128).optional(),
    /** Optional: the message quoted (引用), with its author where known, as a staff member's 立案 uses it. */
    quote: z.object({ text: z.string().trim().min(1).max(2000), userId: z.string().min(1).max(64).optional() }).optional(),
  })
  .refine((message) => message.text.length > 0 || message.images.length > 0, { message: "text must not be empty", path: ["text"] });

/** The request body a sandbox message with photos may need: the body limit plus the photos in base64. */
export function sandboxBodyLimit(bodyLimit: number, imageMaxBytes: number): number {
  return bodyLimit + SANDBOX_MAX_IMAGES * Math.ceil((imageMaxBytes * 4) / 3 + 64);
}

/** A photo the page sent inline: its bytes are already here. */
function dataUrlImage(dataUrl: string): IncomingImage {
  return {
    fetch: ({ maxBytes }) => {
      const base64 = DATA_URL.exec(dataUrl)?.[1] ?? "";
      // Decoded size, known before decoding: a picture over the limit is not decoded at all.
      if (Math.floor((base64.length * 3) / 4) - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0) > maxBytes) {
        return Promise.reject(new ImageTooLarge(maxBytes));
      }
      // A Buffer is a Uint8Array already: wrapping it in another would copy every picture once more.
      return Promise.resolve(Buffer.from(base64, "base64"));
    },
  };
}

export type SandboxMessage = z.infer<typeof sandboxMessageSchema>;

/** Sandbox groups and members use their own ids as platform ids. */
export function toIncomingMessage(groupChatId: string, body: SandboxMessage): IncomingMessage {
  return {
    platform: SANDBOX,
    messageId: body.messageId ?? randomUUID(),
    chatId: groupChatId,
    userId: body.userId,
    text: body.text,
    ...(body.images.length ? { images: body.images.map(dataUrlImage) } : {}),
    ...(body.quote ? { quote: { text: body.quote.text, ...(body.quote.userId ? { userId: body.quote.userId } : {}) } } : {}),
  };
}
