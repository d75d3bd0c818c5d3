import path from "node:path";
import { existsSync } from "node:fs";
import { z } from "zod";
import { booleanFlag, byteSize, cronExpression, httpBase, intBetween, invalidSetting, readSettings } from "./configFields.ts";
import type { PlatformDefinition } from "./platforms/adapter.ts";
import { PLATFORMS } from "./platforms/index.ts";

export { ConfigError } from "./configFields.ts";

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Two operators on the last two registered platforms, as an operator would write them. */
const exampleOperators = PLATFORMS.slice(-2)
  .map((platform, index) => `${platform.name}:${["zhangsan", "manager01"][index]}`)
  .join(",");

/**
 * Every environment variable the bot reads, parsed and validated once at start: the bot's own here, each
 * platform's in its folder (platforms/<name>/settings.ts), composed through the registry.
 */
const schema = z.object({
  PORT: intBetween(0, 65535).default(3000),
  /** Loopback unless told otherwise: the sandbox answers without a token (the image and compose file set 0.0.0.0). */
  HOST: z.string().min(1).default("127.0.0.1"),
  SHUTDOWN_TIMEOUT_MS: intBetween(100, 600_000).default(10_000),
  TZ: z.string().refine(isValidTimeZone, "不是有效的 IANA 时区，例如 Asia/Shanghai").default("Asia/Shanghai"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/).+/i, "应为 SQLite 地址（例如 file:./data/yishi.db）或 PostgreSQL 地址（例如 postgresql://用户@主机:5432/库名）")
    .default("file:./data/yishi.db"),
  ADMIN_TOKEN: z.string().min(16, "至少 16 个字符").optional(),
  BOT_NAME: z.string().min(1).max(32).default("议事助手"),
  BODY_LIMIT: byteSize.default(64 * 1024),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "应为 fatal、error、warn、info、debug、trace 或 silent" })
    .default("info"),
  DEMO_SEED: booleanFlag.default(true),
  /** Where photos are kept; beside the database file (attachments/) when unset. */
  ATTACHMENT_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_BYTES: byteSize.default(10 * 1024 * 1024),
  /** How long a message's photos may take to download, all together (WeCom waits 5 s for the answer). */
  ATTACHMENT_DOWNLOAD_TIMEOUT_MS: intBetween(100, 60_000).default(3500),
  /** Signs the photo links posted in chats; derived from ADMIN_TOKEN when unset. */
  ATTACHMENT_LINK_SECRET: z.string().min(16, "至少 16 个字符").optional(),
  ATTACHMENT_LINK_DAYS: intBetween(1, 365).default(7),
  BIND_OPERATORS: z
    .string()
    .regex(/^(\s*[a-z][a-z0-9_-]*:[^,\s]+\s*)(,\s*[a-z][a-z0-9_-]*:[^,\s]+\s*)*$/, `应为 平台:用户ID，逗号分隔，例如 ${exampleOperators}`)
    .transform((value) => value.split(",").map((entry) => entry.trim()))
    .default([]),
  OUTBOX_RATE_PER_MINUTE: intBetween(1, 20).default(18),
  OUTBOX_MAX_ATTEMPTS: intBetween(1, 50).default(8),
  OUTBOX_POLL_MS: intBetween(50, 60_000).default(1000),
  /** Outbound webhooks (features/webhooks): how long a receiver has to answer, and attempts before a dead letter. */
  WEBHOOK_TIMEOUT_MS: intBetween(1000, 60_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: intBetween(1, 50).default(20),
  POLICY_FILE: z
    .string()
    .refine((path) => existsSync(path), "文件不存在")
    .optional(),
  JOBS_ENABLED: booleanFlag.default(true),
  MEETING_REMINDER_OFFSETS: z
    .string()
    .regex(/^\s*\d+\s*[dhm]\s*(,\s*\d+\s*[dhm]\s*)*$/, "应为逗号分隔的提前量，例如 3d,1d,2h")
    .transform((value) =>
      value.split(",").map((part) => {
        const match = /(\d+)\s*([dhm])/.exec(part)!;
        return Number(match[1]) * { d: 1440, h: 60, m: 1 }[match[2] as "d" | "h" | "m"];
      }),
    )
    .default([4320, 1440, 120]),
  MEETING_LEAD_DAYS: intBetween(1, 60).default(7),
  MEETING_CHECK_IN_OPENS_MINUTES: intBetween(0, 24 * 60).default(30),
  PUBLIC_BASE_URL: httpBase.optional(),
  CATEGORIES_FILE: z
    .string()
    .refine((path) => existsSync(path), "文件不存在")
    .optional(),
  MODEL_DIR: z
    .string()
    .refine(
      (dir) => ["category", "colour", "department"].every((name) => existsSync(path.join(dir, `${name}.json`))),
      "目录里缺少 category.json、colour.json 或 department.json",
    )
    .optional(),
});

/** The bot's own settings, whatever platforms it speaks. */
export type CoreConfig = z.output<typeof schema>;

type SettingsOf<Definition> = Definition extends PlatformDefinition<infer Settings> ? Settings : never;
type Intersection<Union> = (Union extends unknown ? (each: Union) => void : never) extends (all: infer All) => void ? All : never;

/** The bot's settings and every registered platform's. */
export type Config = CoreConfig &
  Intersection<SettingsOf<(typeof PLATFORMS)[number]>> & {
    /** Every `*_CRON` setting given, each a valid cron expression: a job's schedule (jobs/registry.ts, `scheduleOf`). */
    CRON_SETTINGS: Readonly<Record<string, string>>;
  };

/**
 * Parses the environment; empty strings count as unset so `.env.example` can be copied as is. A test that
 * registers a platform of its own passes its registry, whose settings are read the same way.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, platforms: readonly PlatformDefinition[] = PLATFORMS): Config {
  const present = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
  const core = readSettings(schema, present);
  // A job's schedule is read by the name its declaration derives (jobs/registry.ts): any *_CRON given is checked here.
  const cronSettings: Record<string, string> = {};
  for (const [name, value] of Object.entries(present)) {
    if (!name.endsWith("_CRON")) continue;
    const parsed = cronExpression.safeParse(value);
    if (!parsed.success) throw invalidSetting(name, parsed.error.issues[0]!.message);
    cronSettings[name] = parsed.data;
  }
  const read = platforms.map((platform) => platform.settings.read(present));
  const own = read.map((settings, index) =>
    settings.finish({ anotherPlatformInbound: read.some((other, otherIndex) => otherIndex !== index && other.switchesOnInbound) }),
  );
  const config = Object.assign({}, core, ...own) as Config;
  // Photos sit beside a SQLite file by default, and in the database on PostgreSQL (store/blobs.ts, blobStoreFor).
  return { ...config, CRON_SETTINGS: cronSettings };
}
