import { pino, type Logger } from "pino";
import { maskPhoneNumbers } from "./text/mask.ts";

export type { Logger };

/** A logged value with every phone number in its strings masked, however deep (errors, posts, lists). */
function masked(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskPhoneNumbers(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  // Errors are masked once serialized (the err serializer below); other class instances are logged as they are.
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(item, depth + 1)]));
}

/** pino's error serializer, its message, stack, fields and causes masked. */
function maskedError(error: Error): unknown {
  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return maskPhoneNumbers(value);
    if (depth > 6 || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1));
    const plain: Record<string, unknown> = {};
    for (const key in value) plain[key] = copy((value as Record<string, unknown>)[key], depth + 1);
    return plain;
  };
  return copy(pino.stdSerializers.err(error), 0);
}

/**
 * JSON logs. No full phone number is ever written (the phone reader's every form, in the message, in any
 * field, in an error's message and stack): logs are read by operators and shipped elsewhere, and staff who
 * need a reporter's number read it in the work group or the admin API.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "yishi-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A child's bindings pass through serializers, not the log formatter: a private chat's id or a user id
      // can be the person's own number (WeCom user ids often are).
      serializers: { err: maskedError, chatId: masked, userId: masked },
      redact: { paths: ["*.token", "*.secret", "authorization", "*.authorization"], censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          // An error logged alone becomes { err } with its message as the line's message, both masked.
          const [first, ...rest] = args as unknown[];
          const spelled = first instanceof Error ? [{ err: first }, ...(rest.length ? rest : [first.message])] : args;
          method.apply(this, spelled.map((arg) => (typeof arg === "string" ? maskPhoneNumbers(arg) : arg)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          return masked(object) as Record<string, unknown>;
        },
      },
    },
    destination,
  );
}
