import type { Config } from "../config.ts";
import type { IncomingMessage, OutgoingText, PostRouting, SendResult } from "../messaging/types.ts";
import type { GroupRecord } from "../store/org.ts";
import type { OutboxPost, PostChannel } from "../store/outbox.ts";
import type { PlatformAdapter, PlatformDefinition } from "./adapter.ts";
import { dingtalk } from "./dingtalk/index.ts";
import { permanent } from "./errors.ts";
import { sandbox } from "./sandbox/index.ts";
import { wecom } from "./wecom/index.ts";

export type { Connection, Inbound, PlatformAdapter, PlatformCapabilities, PlatformDefinition } from "./adapter.ts";

/**
 * Every platform the bot speaks, and the only list of them: a new platform is one folder (its settings,
 * adapter, client) and one line here. The configuration reads each one's settings from it (config.ts).
 */
export const PLATFORMS = [sandbox, wecom, dingtalk] as const;

/** The configured platforms: routes for the HTTP app, post routing for features, sending for the outbox. */
export interface PlatformRegistry extends PostRouting {
  adapters: readonly PlatformAdapter[];
  names: readonly string[];
  get(name: string): PlatformAdapter | undefined;
  /** A decoded message as the door takes it: with the flags its platform's capabilities put on every message. */
  received(this: void, message: IncomingMessage): IncomingMessage;
  send(this: void, post: OutboxPost, group: GroupRecord, message: OutgoingText, now: Date): Promise<SendResult>;
  /** Every platform's channels this process cannot send on now (`waitingChannels`): the outbox claims none of their posts. */
  waitingChannels(this: void): PostChannel[];
}

export function createPlatformRegistry(config: Config, definitions: readonly PlatformDefinition[] = PLATFORMS): PlatformRegistry {
  const adapters = definitions.map((definition) => definition.create(config));
  const byName = new Map(adapters.map((adapter) => [adapter.name, adapter]));
  if (byName.size !== adapters.length) throw new Error("two platforms share a name");
  return {
    adapters,
    names: adapters.map((adapter) => adapter.name),
    get: (name) => byName.get(name),
    plan(post, platform, replyUrl, now) {
      const adapter = byName.get(platform);
      if (!adapter) throw new Error(`group ${post.groupId} is on platform "${platform}", which is not registered`);
      return adapter.plan(post, replyUrl, now).map((row) => ({ ...row, platform }));
    },
    ownTicketsOnly: (platform) => byName.get(platform)?.capabilities.ownTicketsOnly === true,
    received(message) {
      const capabilities = byName.get(message.platform)?.capabilities;
      return {
        ...message,
        ...(capabilities?.knownMembersOnly ? { knownMembersOnly: true } : {}),
        ...(capabilities?.ownTicketsOnly ? { ownPlatformTicketsOnly: true } : {}),
      };
    },
    waitingChannels: () => adapters.flatMap((adapter) => (adapter.waitingChannels?.() ?? []).map((channel) => ({ platform: adapter.name, channel }))),
    async send(post, group, message, now) {
      const adapter = byName.get(post.platform);
      if (!adapter) return permanent(`platform ${post.platform} is not registered`);
      return adapter.send(post, group, message, now);
    },
  };
}
