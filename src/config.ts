import path from "node:path";
import { existsSync } from "node:fs";
import { validate } from "node-cron";
import { z } from "zod";

/** Every environment variable the bot reads, parsed and validated once at start. */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "应为 true 或 false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const byteSize = z
  .string()
  .regex(/^\d+\s*(b|kb|mb)?$/i, "应为字节数，例如 65536 或 64kb")
  .transform((value) => {
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value)!;
    const unit = (match[2] ?? "b").toLowerCase();
    return Number(match[1]) * (unit === "mb" ? 1024 * 1024 : unit === "kb" ? 1024 : 1);
  });

const cronExpression = z.string().refine((expression) => validate(expression), "不是有效的 cron 表达式，例如 */5 * * * *");
/** A whole number within a range, with the range in the error a person reads. */
const intBetween = (min: number, max: number) => {
  const message = `应为 ${min} 到 ${max} 之间的整数`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};
const aesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, "应为 43 位 EncodingAESKey");
const httpBase = z.string().regex(/^https?:\/\/[^\s]+[^/]$/, "应为不以 / 结尾的 http(s) 地址");

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  PORT: intBetween(0, 65535).default(3000),
  /** Loopback unless told otherwise: the sandbox answers without a token (the image and compose file set 0.0.0.0). */
  HOST: z.string().min(1).default("127.0.0.1"),
  SHUTDOWN_TIMEOUT_MS: intBetween(100, 600_000).default(10_000),
  TZ: z.string().refine(isValidTimeZone, "不是有效的 IANA 时区，例如 Asia/Shanghai").default("Asia/Shanghai"),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, "应为 SQLite 地址，例如 file:./data/yishi.db")
    .default("file:./data/yishi.db"),
  ADMIN_TOKEN: z.string().min(16, "至少 16 个字符").optional(),
  BOT_NAME: z.string().min(1).max(32).default("议事助手"),
  BODY_LIMIT: byteSize.default(64 * 1024),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "应为 fatal、error、warn、info、debug、trace 或 silent" })
    .default("info"),
  DEMO_SEED: booleanFlag.default(true),
  /** Unset: on while no real platform is configured, off once one is. */
  SANDBOX_ENABLED: booleanFlag.optional(),
  /** The sandbox answers anyone: its largest message (words and photos), and all its messages being received at once. */
  SANDBOX_BODY_LIMIT: byteSize.default(8 * 1024 * 1024),
  SANDBOX_IN_FLIGHT_LIMIT: byteSize.default(24 * 1024 * 1024),
  WECOM_BOT_TOKEN: z.string().min(1).optional(),
  WECOM_BOT_ENCODING_AES_KEY: aesKey.optional(),
  WECOM_TOKEN: z.string().min(1).optional(),
  WECOM_ENCODING_AES_KEY: aesKey.optional(),
  WECOM_CORP_ID: z.string().min(1).optional(),
  WECOM_API_BASE: httpBase.default("https://qyapi.weixin.qq.com"),
  /** How the intelligent robot's messages arrive: HTTP callbacks (needs a public address) or its long connection. */
  WECOM_BOT_TRANSPORT: z.enum(["callback", "websocket"], { error: "应为 callback 或 websocket" }).default("callback"),
  WECOM_BOT_ID: z.string().min(1).optional(),
  WECOM_BOT_SECRET: z.string().min(1).optional(),
  WECOM_BOT_WS_URL: z
    .string()
    .regex(/^wss?:\/\/[^\s]+$/, "应为 ws(s):// 地址")
    .default("wss://openws.work.weixin.qq.com"),
  /** How the DingTalk robot's messages arrive: HTTP callbacks (needs a public address) or Stream mode. */
  DINGTALK_TRANSPORT: z.enum(["callback", "stream"], { error: "应为 callback 或 stream" }).default("callback"),
  /** The app's AppKey (Client ID; Stream's clientId): with DINGTALK_APP_SECRET, the OpenAPI access token (pictures, cards). */
  DINGTALK_APP_KEY: z.string().min(1).optional(),
  DINGTALK_APP_SECRET: z.string().min(1).optional(),
  DINGTALK_ROBOT_CODE: z.string().min(1).optional(),
  DINGTALK_API_BASE: httpBase.default("https://oapi.dingtalk.com"),
  /** An interactive card template (title, text, buttons) for one-tap rating and 受理; unset: text only. */
  DINGTALK_CARD_TEMPLATE_ID: z.string().min(1).optional(),
  /** The newer OpenAPI host: access tokens and robot file downloads. */
  DINGTALK_OPENAPI_BASE: httpBase.default("https://api.dingtalk.com"),
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
    .regex(/^(\s*[a-z][a-z0-9_-]*:[^,\s]+\s*)(,\s*[a-z][a-z0-9_-]*:[^,\s]+\s*)*$/, "应为 平台:用户ID，逗号分隔，例如 wecom:zhangsan,dingtalk:manager01")
    .transform((value) => value.split(",").map((entry) => entry.trim()))
    .default([]),
  OUTBOX_RATE_PER_MINUTE: intBetween(1, 20).default(18),
  OUTBOX_MAX_ATTEMPTS: intBetween(1, 50).default(8),
  OUTBOX_POLL_MS: intBetween(50, 60_000).default(1000),
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

export type Config = Omit<z.infer<typeof schema>, "SANDBOX_ENABLED"> & {
  SANDBOX_ENABLED: boolean;
  /** Every `*_CRON` setting given, each a valid cron expression: a job's schedule (jobs/registry.ts, `scheduleOf`). */
  CRON_SETTINGS: Readonly<Record<string, string>>;
};

export class ConfigError extends Error {}

/** Parses the environment; empty strings count as unset so `.env.example` can be copied as is. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "配置");
    // The variable and what is wrong with it, never its value: it may be a secret, and this line is logged.
    throw new ConfigError(`配置错误：${name} 无效（${issue.message}）`);
  }
  const config = result.data;
  // A job's schedule is read by the name its declaration derives (jobs/registry.ts): any *_CRON given is checked here.
  const cronSettings: Record<string, string> = {};
  for (const [name, value] of Object.entries(present)) {
    if (!name.endsWith("_CRON")) continue;
    const parsed = cronExpression.safeParse(value);
    if (!parsed.success) throw new ConfigError(`配置错误：${name} 无效（${parsed.error.issues[0]!.message}）`);
    cronSettings[name] = parsed.data;
  }
  const wecomBot = [config.WECOM_BOT_TOKEN, config.WECOM_BOT_ENCODING_AES_KEY];
  if (wecomBot.some(Boolean) && !wecomBot.every(Boolean)) {
    throw new ConfigError("配置错误：WECOM_BOT_TOKEN 与 WECOM_BOT_ENCODING_AES_KEY 须同时设置");
  }
  const wecomApp = [config.WECOM_TOKEN, config.WECOM_ENCODING_AES_KEY, config.WECOM_CORP_ID];
  if (wecomApp.some(Boolean) && !wecomApp.every(Boolean)) {
    throw new ConfigError("配置错误：WECOM_TOKEN、WECOM_ENCODING_AES_KEY 与 WECOM_CORP_ID 须同时设置");
  }
  if (config.DINGTALK_CARD_TEMPLATE_ID && !(config.DINGTALK_APP_KEY && config.DINGTALK_APP_SECRET && config.DINGTALK_ROBOT_CODE)) {
    throw new ConfigError("配置错误：DINGTALK_CARD_TEMPLATE_ID 需要同时设置 DINGTALK_APP_KEY、DINGTALK_APP_SECRET 与 DINGTALK_ROBOT_CODE");
  }
  if (config.WECOM_BOT_TRANSPORT === "websocket" && !(config.WECOM_BOT_ID && config.WECOM_BOT_SECRET)) {
    throw new ConfigError("配置错误：WECOM_BOT_TRANSPORT=websocket 需要同时设置 WECOM_BOT_ID 与 WECOM_BOT_SECRET（智能机器人 → API 模式 → 长连接）");
  }
  if (config.DINGTALK_TRANSPORT === "stream" && !(config.DINGTALK_APP_KEY && config.DINGTALK_APP_SECRET)) {
    throw new ConfigError("配置错误：DINGTALK_TRANSPORT=stream 需要同时设置 DINGTALK_APP_KEY 与 DINGTALK_APP_SECRET（应用的 Client ID 与 Client Secret）");
  }
  // Anyone who reaches the sandbox can speak as the demo's secretary: with a real platform it must be asked for.
  const realPlatform = Boolean(config.WECOM_BOT_TOKEN || config.WECOM_TOKEN || config.DINGTALK_APP_SECRET || config.WECOM_BOT_TRANSPORT === "websocket");
  return { ...config, SANDBOX_ENABLED: config.SANDBOX_ENABLED ?? !realPlatform, CRON_SETTINGS: cronSettings };
}
