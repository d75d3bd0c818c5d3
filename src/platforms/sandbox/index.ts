import type { PlatformDefinition } from "../adapter.ts";
import { notDeliveredByOutbox } from "../adapter.ts";
import { SANDBOX } from "./decode.ts";
import { sandboxRoutes } from "./routes.ts";

/**
 * The local sandbox: a web page and an HTTP API that behave like a group chat. Its groups and members are
 * the demo's; its posts are delivered by being stored (the page reads the group's timeline).
 */
export const sandbox: PlatformDefinition = {
  name: SANDBOX,
  create(config) {
    const enabled = config.SANDBOX_ENABLED;
    return {
      name: SANDBOX,
      capabilities: {
        answerInCallback: true,
        sessionReply: false,
        push: false,
        cards: false,
        mediaDownload: false,
        longConnection: false,
        ownTicketsOnly: true,
      },
      textMaxBytes: Number.POSITIVE_INFINITY,
      transports: enabled ? [SANDBOX] : [],
      ...(enabled
        ? {
            homePath: "/sandbox",
            routes: (inbound) => sandboxRoutes(inbound, { bodyLimit: config.SANDBOX_BODY_LIMIT, inFlightLimit: config.SANDBOX_IN_FLIGHT_LIMIT }),
          }
        : {}),
      plan: (post) => [{ ...post, channel: "sandbox", status: "sent" }],
      send: (post) => Promise.resolve(notDeliveredByOutbox(post.channel)),
    };
  },
};
