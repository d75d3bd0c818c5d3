import type Koa from "koa";
import { loadTaxonomy } from "./bot/taxonomy.ts";
import { bundledModels, loadModels } from "./bot/classifier/models.ts";
import type { Config } from "./config.ts";
import { loadPolicy } from "./policyFile.ts";
import { createHttpApp } from "./http/app.ts";
import { readinessOf, type WatchedConnection } from "./http/health.ts";
import { LeaseElector } from "./cluster/leaseElector.ts";
import { APOLOGY } from "./features/texts.ts";
import type { Stoppable } from "./shutdown.ts";
import type { Logger } from "./logger.ts";
import type { CommandRegistry } from "./features/command.ts";
import { BOT_COMMANDS } from "./features/commandRegistry.ts";
import { handleIncomingMessage, type MessageServiceDeps } from "./features/handleMessage.ts";
import type { Database } from "./store/database.ts";
import { OutboxWorker } from "./outbox/worker.ts";
import { WebhookWorker } from "./features/webhooks/worker.ts";
import { linkSecretFrom } from "./features/attachments/links.ts";
import { adminTokenHash, type AdminTokenHash } from "./http/auth.ts";
import type { ServerSecrets } from "./http/adminToken.ts";
import { carriedPhoto } from "./features/attachments/content.ts";
import { handleIncomingAction } from "./features/handleAction.ts";
import { blobStoreFor } from "./store/blobs.ts";
import { createPlatformRegistry, PLATFORMS, type Connection, type Inbound, type PlatformDefinition, type PlatformRegistry } from "./platforms/index.ts";

export interface Bot {
  app: Koa;
  deps: MessageServiceDeps;
  adminToken: AdminTokenHash;
  outbox: OutboxWorker;
  /** Delivers the signed outbound webhooks (features/webhooks). */
  webhooks: WebhookWorker;
  platforms: PlatformRegistry;
  /** The platforms' long connections the configuration chose; not yet opened (see startConnections). */
  connections: Connection[];
  /** Makes them anew (a connection that was stopped does not start again): for each time this instance is elected. */
  connect: () => Connection[];
}

export interface BotOptions {
  /** The platforms to speak; the registry in platforms/index.ts unless a test adds its own. */
  platforms?: readonly PlatformDefinition[];
  /** The commands; the registry in features/commandRegistry.ts unless a test adds its own. */
  commands?: CommandRegistry;
}

/** Assembles the bot from its parts; main.ts and the tests both build it this way. */
export function createBot(
  config: Config,
  db: Database,
  logger: Logger,
  /** A token (tests, benchmarks: the link key derived from it), or what main.ts established in the database. */
  admin: string | ServerSecrets,
  clock: () => Date = () => new Date(),
  options: BotOptions = {},
): Bot {
  const platforms = createPlatformRegistry(config, options.platforms ?? PLATFORMS);
  const { adminToken, linkSecret } =
    typeof admin === "string" ? { adminToken: adminTokenHash(admin), linkSecret: linkSecretFrom(config.ATTACHMENT_LINK_SECRET, admin) } : admin;
  const outbox = new OutboxWorker({
    db,
    clock,
    logger,
    deliver: platforms.send,
    // A post over a long connection is claimed only by the instance that has it open (holdConnectionsWhenElected).
    waitingChannels: platforms.waitingChannels,
    ratePerMinute: config.OUTBOX_RATE_PER_MINUTE,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
  });
  const webhooks = new WebhookWorker({ db, clock, logger, timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS });
  const deps: MessageServiceDeps = {
    commands: options.commands ?? BOT_COMMANDS,
    onOutboxChanged: () => {
      outbox.nudge();
      webhooks.nudge();
    },
    db,
    logger,
    clock,
    routing: platforms,
    media: {
      store: blobStoreFor(db, config.DATABASE_URL, config.ATTACHMENT_DIR),
      maxBytes: config.ATTACHMENT_MAX_BYTES,
      downloadTimeoutMs: config.ATTACHMENT_DOWNLOAD_TIMEOUT_MS,
      links: {
        secret: linkSecret,
        ttlMs: config.ATTACHMENT_LINK_DAYS * 86_400_000,
        publicBaseUrl: config.PUBLIC_BASE_URL ?? null,
      },
    },
    settings: {
      zone: config.TZ,
      botName: config.BOT_NAME,
      categories: loadTaxonomy(config.CATEGORIES_FILE),
      // Read on first use; main.ts warms them right after the server listens (see warmModels).
      models: config.MODEL_DIR ? loadModels(config.MODEL_DIR) : bundledModels(),
      policy: loadPolicy(config.POLICY_FILE, logger),
      operators: new Set(config.BIND_OPERATORS),
      meetings: {
        reminderOffsetsMinutes: config.MEETING_REMINDER_OFFSETS,
        leadDays: config.MEETING_LEAD_DAYS,
        checkInOpensMinutes: config.MEETING_CHECK_IN_OPENS_MINUTES,
        publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
      },
    },
  };
  // Every platform's messages, over HTTP callbacks or a long connection, end in the same door.
  const inbound: Inbound = {
    receive: (message) => handleIncomingMessage(deps, platforms.received(message)),
    // Card clicks: the door beside it (see features/handleAction.ts).
    receiveAction: (action) => handleIncomingAction(deps, action),
    clock,
    bodyLimit: config.BODY_LIMIT,
    imageMaxBytes: deps.media.maxBytes,
    botName: config.BOT_NAME,
    zone: config.TZ,
    db,
    photo: (id) => carriedPhoto(db, deps.media.store, id),
    logger,
    apology: APOLOGY,
  };
  const app = createHttpApp(deps, { bodyLimit: config.BODY_LIMIT, adminToken, botName: config.BOT_NAME, platforms, inbound }, logger);
  const connect = () => platforms.adapters.flatMap((adapter) => (adapter.connect ? [adapter.connect(inbound)] : []));
  return { app, deps, adminToken, outbox, webhooks, platforms, connections: connect(), connect };
}

/**
 * Opens the long connections (main.ts, once the server listens) and lets /readyz report them: the process
 * is not ready while a connection it relies on is down. Returns them as shutdown stoppables.
 */
export function startConnections(bot: Bot): Stoppable[] {
  const readiness = readinessOf(bot.app);
  for (const connection of bot.connections) {
    readiness.connections.push(connection);
    connection.start();
  }
  return bot.connections.map((connection) => ({ name: connection.name, stop: () => connection.stop() }));
}

/** The lease whose holder opens the long connections: one instance among several on one database. */
export const LONG_CONNECTIONS_LEASE = "long-connections";

/**
 * Opens the long connections only while this instance holds the `long-connections` lease (cluster/
 * leaseElector.ts): a platform takes one connection per robot or app (a second WeCom subscription throws the
 * first out), so with several instances on one database one is elected to hold them, and another takes over
 * within 30 s when it dies. The others serve callbacks and HTTP and stay ready; /readyz says which holds
 * them. Losing the lease closes them; the stoppable closes them and gives the lease up. Nothing to elect
 * when the configuration chose no long connection.
 */
export function holdConnectionsWhenElected(bot: Bot, options: { holder: string; clock?: () => Date; leaseMs?: number; renewMs?: number }): Stoppable[] {
  if (!bot.connections.length) return [];
  const readiness = readinessOf(bot.app);
  let open: Connection[] = [];
  const elector = new LeaseElector({
    db: bot.deps.db,
    name: LONG_CONNECTIONS_LEASE,
    holder: options.holder,
    clock: options.clock ?? (() => new Date()),
    logger: bot.deps.logger,
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.renewMs !== undefined ? { renewMs: options.renewMs } : {}),
    onGained: () => {
      open = bot.connect();
      readiness.connections.push(...open);
      for (const connection of open) connection.start();
    },
    onLost: async () => {
      const closing = open;
      open = [];
      readiness.connections = readiness.connections.filter((connection) => !(closing as readonly WatchedConnection[]).includes(connection));
      await Promise.allSettled(closing.map((connection) => connection.stop()));
    },
  });
  readiness.longConnections = elector;
  elector.start();
  return [{ name: "long connections (lease)", stop: () => elector.stop() }];
}
