import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createBot, type Bot } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { ServerSecrets } from "../../src/http/adminToken.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import type { PlatformDefinition } from "../../src/platforms/index.ts";
import type { CommandRegistry } from "../../src/features/command.ts";
import type { OpenOptions } from "../../src/store/database.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "./testDatabase.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestBot {
  bot: Bot;
  database: TestDatabase;
  clock: FakeClock;
  baseUrl: string;
  /** Posts as a sandbox member and returns the reply texts. */
  say: (groupId: string, userId: string, text: string, messageId?: string) => Promise<string[]>;
  request: (
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: any }>;
  /** A ticket's file as the admin API gives it (`GET /api/tickets/:n`). */
  ticket: (number: number) => Promise<any>;
  close: () => Promise<void>;
}

export async function startTestBot(
  options: {
    now?: string;
    env?: Record<string, string>;
    platforms?: readonly PlatformDefinition[];
    /** The commands, when a test adds its own (see test/features/fakeCommand.test.ts). */
    commands?: CommandRegistry;
    open?: OpenOptions;
    logger?: Logger;
    /** A second instance: opens another bot's database file (its own connection) instead of a fresh one. */
    sharing?: TestDatabase;
    /** What the bot checks the admin token against and signs links with, when not the test token. */
    secrets?: ServerSecrets;
    /** Where photos are kept (ATTACHMENT_DIR): the test database's folder unless given; null leaves it unset. */
    attachmentDir?: string | null;
  } = {},
): Promise<TestBot> {
  const database = options.sharing ? await joinTestDatabase(options.sharing) : await createTestDatabase(options.open ? { open: options.open } : {});
  const clock = new FakeClock(new Date(options.now ?? "2026-11-23T02:00:00Z"));
  // Photos are kept in the test database's own folder (beside its SQLite file), and go with it.
  const attachmentDir = options.attachmentDir === undefined ? path.join(database.files, "attachments") : options.attachmentDir;
  const config = loadConfig(
    { LOG_LEVEL: "silent", DATABASE_URL: database.url, ...(attachmentDir === null ? {} : { ATTACHMENT_DIR: attachmentDir }), ...options.env },
    options.platforms,
  );
  const bot = createBot(config, database.db, options.logger ?? createLogger("silent"), options.secrets ?? ADMIN_TOKEN, clock.now, {
    ...(options.platforms ? { platforms: options.platforms } : {}),
    ...(options.commands ? { commands: options.commands } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = bot.app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestBot["request"] = async (method, path, requestOptions = {}) => {
    const headers: Record<string, string> = { ...requestOptions.headers };
    let body: string | undefined = requestOptions.raw;
    if (requestOptions.body !== undefined) {
      body = JSON.stringify(requestOptions.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (the sandbox page): keep the text.
    }
    return { status: response.status, body: parsed };
  };

  const say: TestBot["say"] = async (groupId, userId, text, messageId) => {
    const response = await request("POST", `/sandbox/groups/${groupId}/messages`, {
      body: { userId, text, ...(messageId ? { messageId } : {}) },
    });
    if (response.status !== 200) throw new Error(`sandbox answered ${response.status}: ${JSON.stringify(response.body)}`);
    return (response.body.replies as { text: string }[]).map((entry) => entry.text);
  };

  const ticket: TestBot["ticket"] = async (number) => {
    const response = await request("GET", `/api/tickets/${number}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (response.status !== 200) throw new Error(`GET /api/tickets/${number} answered ${response.status}`);
    return response.body.ticket;
  };

  return {
    bot,
    database,
    clock,
    baseUrl,
    say,
    request,
    ticket,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}
