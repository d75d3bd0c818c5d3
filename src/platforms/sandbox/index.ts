import type { PlatformDefinition } from "../adapter.ts";
import { notDeliveredByOutbox } from "../errors.ts";
import { SANDBOX } from "./decode.ts";
import { seedDemo } from "./demoSeed.ts";
import { sandboxRoutes } from "./routes.ts";
import { sandboxSettings, type SandboxSettings } from "./settings.ts";

/**
 * The local sandbox: a web page and an HTTP API that behave like a group chat. Its groups and members are
 * the demo's; its posts are delivered by being stored (the page reads the group's timeline).
 */
export const sandbox: PlatformDefinition<SandboxSettings> = {
  name: SANDBOX,
  aliases: ["沙盒"],
  settings: sandboxSettings,
  seedDemo,
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
        // Anyone can speak as the demo secretary here, so a real group's tickets stay out of reach.
        ownTicketsOnly: true,
        // Sandbox members are the demo's; a real platform's first-time sender is enrolled instead.
        knownMembersOnly: true,
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
