import { createHash } from "node:crypto";
import { z } from "zod";
import { readJsonBody } from "../../../src/http/body.ts";
import { createRouter } from "../../../src/http/router.ts";
import type { PlatformDefinition } from "../../../src/platforms/adapter.ts";
import { splitByBytes } from "../../../src/platforms/bytes.ts";
import { CallbackRejected, notDeliveredByOutbox } from "../../../src/platforms/errors.ts";
import { FakechatClient } from "./client.ts";
import { fakechatSettings, type FakechatSettings } from "./settings.ts";

/** The callback's signature: sha256 of the secret and the body, hex. */
export const fakechatSignature = (secret: string, body: string) => createHash("sha256").update(`${secret}${body}`).digest("hex");

const eventSchema = z.object({ id: z.string(), chat: z.string(), user: z.string(), nick: z.string(), text: z.string() });
const TEXT_MAX_BYTES = 600;

/**
 * A platform that exists only in the tests, made the way a real one is: this folder (settings, client, the
 * adapter) and a line in a registry (registry.ts). Signed JSON callbacks in, its API's /v1/messages out.
 */
export const fakechat: PlatformDefinition<FakechatSettings> = {
  name: "fakechat",
  settings: fakechatSettings,
  create(config) {
    const secret = config.FAKECHAT_SECRET;
    const client = new FakechatClient(config.FAKECHAT_API_BASE);
    return {
      name: "fakechat",
      capabilities: { answerInCallback: false, sessionReply: false, push: true, cards: false, mediaDownload: false, longConnection: false },
      textMaxBytes: TEXT_MAX_BYTES,
      transports: secret ? ["fakechat"] : [],
      ...(secret
        ? {
            routes(inbound) {
              const router = createRouter("/fakechat");
              router.post("/events", async (ctx) => {
                const event = await readJsonBody(ctx, inbound.bodyLimit, eventSchema);
                if (ctx.get("x-fakechat-signature") !== fakechatSignature(secret, JSON.stringify(event))) throw new CallbackRejected(401, "bad signature");
                const result = await inbound.receive({
                  platform: "fakechat",
                  messageId: event.id,
                  chatId: event.chat,
                  userId: event.user,
                  userName: event.nick,
                  text: event.text,
                  addressed: true,
                });
                ctx.body = { status: result.status };
              });
              return router;
            },
          }
        : {}),
      plan: (post) => splitByBytes(post.text, TEXT_MAX_BYTES).map((text) => ({ ...post, text, channel: "push", status: "pending" })),
      send: (post, group, message) => (post.channel === "push" ? client.sendText(group.chatId, message) : Promise.resolve(notDeliveredByOutbox(post.channel))),
    };
  },
};
