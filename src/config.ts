import { existsSync } from "node:fs";
import { z } from "zod";

/** Every environment variable the bot reads, parsed and validated once at start. */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const byteSize = z
  .string()
  .regex(/^\d+\s*(b|kb|mb)?$/i, "应为字节数，例如 65536 或 64kb")
  .transform((value) => {
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value)!;
    const unit = (match[2] ?? "b").toLowerCase();
    return Number(match[1]) * (unit === "mb" ? 1024 * 1024 : unit === "kb" ? 1024 : 1);
  });

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  TZ: z.string().refine(isValidTimeZone, "不是有效的 IANA 时区，例如 Asia/Shanghai").default("Asia/Shanghai"),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, "应为 SQLite 地址，例如 file:./data/yishi.db")
    .default("file:./data/yishi.db"),
  ADMIN_TOKEN: z.string().min(16, "至少 16 个字符").optional(),
  BOT_NAME: z.string().min(1).max(32).default("议事助手"),
  BODY_LIMIT: byteSize.default(64 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO_SEED: booleanFlag.default(true),
  SANDBOX_ENABLED: booleanFlag.default(true),
  CATEGORIES_FILE: z
    .string()
    .refine((path) => existsSync(path), "文件不存在")
    .optional(),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parses the environment; empty strings count as unset so `.env.example` can be copied as is. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "配置");
    throw new ConfigError(`配置错误：${name}=${JSON.stringify(env[name] ?? "")} 无效（${issue.message}）`);
  }
  return result.data;
}
