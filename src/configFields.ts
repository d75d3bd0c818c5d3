import { validate } from "node-cron";
import { z } from "zod";

/**
 * The building blocks of settings (config.ts and each platform's settings.ts): every field validated with
 * the Chinese words an operator reads, and the one error a bad setting stops the bot with.
 */

export class ConfigError extends Error {}

/** One line naming the variable and what is wrong with it, never its value: it may be a secret, and this line is logged. */
export function invalidSetting(variable: string, problem: string): ConfigError {
  return new ConfigError(`配置错误：${variable} 无效（${problem}）`);
}

/** Settings that do not fit together (each variable is fine on its own): the sentence names the variables. */
export function settingsConflict(sentence: string): ConfigError {
  return new ConfigError(`配置错误：${sentence}`);
}

/**
 * Parses the variables a schema reads; the first problem is thrown as `invalidSetting`. `present` holds only
 * the variables that are set (empty strings count as unset).
 */
export function readSettings<Schema extends z.ZodType>(schema: Schema, present: Record<string, string>): z.output<Schema> {
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw invalidSetting(String(issue.path[0] ?? "配置"), issue.message);
}

export const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "应为 true 或 false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const byteSize = z
  .string()
  .regex(/^\d+\s*(b|kb|mb)?$/i, "应为字节数，例如 65536 或 64kb")
  .transform((value) => {
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value)!;
    const unit = (match[2] ?? "b").toLowerCase();
    return Number(match[1]) * (unit === "mb" ? 1024 * 1024 : unit === "kb" ? 1024 : 1);
  });

export const cronExpression = z.string().refine((expression) => validate(expression), "不是有效的 cron 表达式，例如 */5 * * * *");

/** A whole number within a range, with the range in the error a person reads. */
export const intBetween = (min: number, max: number) => {
  const message = `应为 ${min} 到 ${max} 之间的整数`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};

export const httpBase = z.string().regex(/^https?:\/\/[^\s]+[^/]$/, "应为不以 / 结尾的 http(s) 地址");
